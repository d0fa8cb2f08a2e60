-- consistency-null-contradicted: a section set to null ("not applicable") that the plan itself
-- contradicts.  Staff read null as 「空欄・未定」, but to the council null says "this does not
-- arise"; when the rest of the plan says it does arise, the null hides the very fact the council
-- must judge, so this finding is at least as severe as what it hides, and `incomplete`
-- (記載不足) where what it hides is a core fact:
--   storage / retention / disposal null on a plan with personal data (it is kept somewhere, for
--     some time, and ends somehow; disposal may be null only when everything is kept 永年);
--   outsourcing null on a plan put to the council as outsourcing (or with an outsourcing
--     contract, or prose that outsources);
--   transfers null when data moves (common.moves): the contractor keeps it, it is provided
--     outside, the prose tells of a hand-over, or work on it is outsourced -- unless the text says
--     the contractor works on the body's premises (庁舎内での保守: nothing is handed over);
--   platforms null -- or absent -- when the plan relies on LINE/SNS or a third-party app;
--   access null on a plan keeping personal data electronically (someone sees it: a question).
-- medium (a likely condition: state it); high for children's or 要配慮 data.
-- The seed minutes: the council asked each of these facts outright (議題(2)「サーバー及びデータ
-- の保管場所はどこか」, 議題(1)「溶解証明を提出してもらうか、返却していただく」, 議題(3)「データ
-- ベースを渡すのか」, 議題(5) LINE).

-- work done on the body's own premises: nothing need be handed over
local ON_SITE = [[庁舎内|庁内で|現地で|オンサイト|来庁|(?:市|県|町|村|区)の施設内|施設内で]]

local function severity(plan)
  return common.stakes(plan).high and "high" or "medium"
end

local function all_indefinite(plan)
  local list = common.retentions(plan)
  if #list == 0 then return false end
  for _, r in ipairs(list) do
    if type(r.period) ~= "string" or hogo.days(r.period) ~= -1 then return false end
  end
  return true
end

local function electronic(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if common.obj(s) and (s.medium == "electronic" or s.location == "cloud") then return true end
  end
  return false
end

-- one report: the section, what the plan says that contradicts the null, and the follow-up
local function report(ctx, plan, key, t)
  ctx.report(plan, key, {
    severity = t.severity or severity(plan),
    incomplete = t.incomplete ~= false,
    vars = common.with_body(plan, { key = key, why = t.why, why_en = t.why_en,
                                    Why_en = t.why_en:sub(1, 1):upper() .. t.why_en:sub(2), fact = t.fact, fact_en = t.fact_en,
                                    fact_en_lc = t.fact_en:sub(1, 1):lower() .. t.fact_en:sub(2) }),
    message = t.message or (t.incomplete ~= false and {
      ja = "{key} が null（該当なし）とされていますが、{why}。{fact}は審議会が判断に必要とする事項であり、null では記載がないのと同じです（記載不足）。",
      en = "{key} is null (not applicable), yet {why_en}. {fact_en} is what the council needs to judge the plan; null here says no more than leaving it out (incomplete)." } or {
      ja = "{key} が null（該当なし）とされていますが、{why}。{fact}を記載してください。",
      en = "{key} is null (not applicable), yet {why_en}. State {fact_en_lc}." }),
    follow_up = { ja = t.follow, en = t.follow_en },
    precedent = t.precedent,
  })
end

return {
  id        = "consistency-null-contradicted",
  topic     = "input.consistency",
  severity  = "medium",
  title     = { ja = "「該当なし」(null) と計画の内容が食い違っている",
                en = "A section is null (not applicable) but the plan says otherwise" },
  message   = { ja = "{key} が null（該当なし）とされていますが、{why}。",
                en = "{key} is null (not applicable), yet the plan says otherwise." },
  follow_up = { ja = "該当する内容を記載してください。", en = "State what applies." },
  precedent = "志木市 令和2年度第3回 議題(2)「サーバー及びデータの保管場所はどこか」; 議題(1)「溶解証明を提出してもらうか、返却していただく」; 議題(3)「データベースを渡すのか」（2023年4月の法施行前の審議）",

  check = function(plan, ctx)
    local personal = common.personal_data(plan)
    if personal and hogo.is_null(plan.storage) then
      report(ctx, plan, "storage", {
        precedent = "志木市 令和2年度第3回 議題(2)「サーバー及びデータの保管場所はどこか」; 議題(4)「データの保管等はどこで行うのか」（2023年4月の法施行前の審議）",
        why = "個人情報を扱う計画です（個人情報はどこかに保管されます）",
        why_en = "the plan handles personal data, which is kept somewhere",
        fact = "保管場所", fact_en = "Where the data is kept",
        follow = "保管場所、媒体（紙・電子）、接続するネットワーク、受託者が保管する場合はその施設を「{label:storage}」欄に記載してください。",
        follow_en = "State where the data is kept, on what medium, on which network, and the contractor's site if it keeps data (storage)." })
    end
    if personal and hogo.is_null(plan.retention) then
      report(ctx, plan, "retention", {
        precedent = "個人情報の保護に関する法律 第61条（個人情報の保有の制限等）",
        why = "個人情報を扱う計画です（保有する以上、保存期間があります）",
        why_en = "the plan holds personal data, which is held for some period",
        fact = "保存期間", fact_en = "How long the data is kept",
        follow = "「{label:retention.period}」欄（例：5年、事業終了まで、永年）とその根拠を記載してください（個人情報の保護に関する法律 第61条）。",
        follow_en = "State the retention period (retention.period, e.g. 5年, 事業終了まで, 永年) and its basis (Act on the Protection of Personal Information, Art. 61)." })
    end
    if personal and hogo.is_null(plan.disposal) and not all_indefinite(plan) then
      local site
      for _, s in ipairs(common.list(plan.storage)) do
        if common.obj(s) and s.location == "contractor" then site = s.what or "データ"; break end
      end
      report(ctx, plan, "disposal", {
        precedent = "志木市 令和2年度第3回 議題(1)「受け渡しから3か月以内に溶解証明を提出してもらうか、返却していただく」（2023年4月の法施行前の審議）",
        why = site and ("受託者の施設で「" .. site .. "」を保管する計画です") or "個人情報を扱う計画で、永年保存ではありません",
        why_en = site and ("the contractor keeps \"" .. site .. "\" at its site") or "the plan handles personal data and does not keep it indefinitely",
        fact = "廃棄・返却の方法", fact_en = "How the data is destroyed or returned",
        follow = "紙・電子媒体ごとに、廃棄の方法（溶解、消去、物理破壊、返却）、誰が行うか、期限、受託者が行う場合の廃棄証明を「{label:disposal}」欄に記載してください。永年保存なら「{label:retention.period}」欄を「永年」としてください。",
        follow_en = "For each medium state the method (dissolution, erasure, physical destruction, return), who does it, the deadline and a certificate when the contractor does it (disposal); if everything is kept indefinitely, say so in retention.period (永年)." })
    end
    if hogo.is_null(plan.outsourcing) then
      local why = common.outsourcing_claimed(plan)
      if why then
        report(ctx, plan, "outsourcing", {
          precedent = "個人情報の保護に関する法律 第66条第2項（委託を受けた者の安全管理措置）; 志木市 令和2年度第3回 議題(1)〜(4)（委託の諮問。2023年4月の法施行前の審議）",
          why = why.ja, why_en = why.en:sub(1, 1):lower() .. why.en:sub(2),
          fact = "委託先と委託の内容", fact_en = "Who the contractor is and what it does",
          follow = "受託者、委託する業務の範囲、個人情報取扱特記事項、責任体制、再委託の可否を「{label:outsourcing}」欄に記載してください。委託しないのであれば、「{label:consultation.kind}」欄と本文を直してください。",
          follow_en = "State the contractor, the scope, the special terms, the responsibility structure and re-subcontracting (outsourcing); if nothing is outsourced, correct consultation.kind and the text.",
          incomplete = personal })
      end
    end
    if hogo.is_null(plan.transfers) then
      local moves, why, evident = common.moves(plan)
      if moves and (evident or not common.find_text(plan, ON_SITE)) then
        report(ctx, plan, "transfers", {
          precedent = "志木市 令和2年度第3回 議題(3)「受託者に未受診者の資料を送付する場合には、データベースを渡すのか」（2023年4月の法施行前の審議）",
          why = why, why_en = "personal data moves between parties",
          fact = "受け渡しの方法", fact_en = "How the data moves",
          follow = "受け渡すもの、渡す側と受け取る側、方法（LGWAN、専用線、無害化、暗号化USB、手渡し等）、暗号化の有無、確認する者を「{label:transfers}」欄に記載してください。",
          follow_en = "State what is handed over, from whom to whom, how (LGWAN, dedicated line, sanitization, encrypted USB, by hand...), whether it is encrypted and who checks it (transfers)." })
      end
    end
    if plan.platforms == nil or hogo.is_null(plan.platforms) then
      local name = personal and common.uses_platform(plan)
      if name then
        report(ctx, plan, "platforms", {
          precedent = "志木市 令和2年度第3回 議題(5)（LINE を活用した電子申請。写真の添付もできる）; 内閣官房・個人情報保護委員会・金融庁・総務省「政府機関・地方公共団体等における業務でのLINE利用状況調査を踏まえた今後のLINEサービス等の利用の際の考え方（ガイドライン）」（2021年4月30日）",
          why = "「" .. name .. "」を利用する計画です", why_en = "the plan uses " .. name,
          fact = "住民の情報が通る外部プラットフォーム（運営事業者・データの保存国）",
          fact_en = "The third-party platform residents' data passes through (operator, where it stores data)",
          follow = "サービス名、運営事業者、データの保存国、添付できるもの（写真・書類）を「{label:platforms}」欄に記載してください。",
          follow_en = "List the service, its operator, where it stores data and what can be attached (platforms).",
          message = plan.platforms == nil and {
            ja = "{why}が、「{label:platforms}」欄が記載されていません。{fact}は審議会が判断に必要とする事項です（記載不足）。",
            en = "{Why_en}, but platforms is not given. {fact_en} is what the council needs to judge the plan (incomplete)." } or nil })
      end
    end
    if personal and hogo.is_null(plan.access) and electronic(plan) then
      local lv = gov.level(plan)
      report(ctx, plan, "access", {
        precedent = "志木市 令和2年度第3回 議題(2)「様々な情報を取得し、庁内で共有するようだが」（2023年4月の法施行前の審議）; 個人情報の保護に関する法律 第66条（安全管理措置）",
        why = "個人情報を電子的に保管します（閲覧・操作する職員がいます）",
        why_en = "personal data is kept electronically, and someone sees it",
        fact = "アクセスできる職員の範囲", fact_en = "Who may access the data",
        follow = "取り扱う職員の範囲（人数・所属）、認証方式、アクセスログの取得、共有先を「{label:access}」欄に記載してください。",
        follow_en = "State who handles it (number, units), how users authenticate, whether access is logged, and who it is shared with (access).",
        incomplete = false, severity = lv >= 1 and "medium" or "low" })
    end
  end,
}
