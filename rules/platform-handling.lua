-- platform-handling: every third-party platform residents reach the body through (a LINE official
-- account, an SNS account, a chat or form service) is asked what a council asks of it since the
-- 2021 LINE case, even with its operator and a domestic region named and nothing attached:
--   * the operator's terms and where the data is processed (platforms[].terms);
--   * what goes through the platform and what stays in the body's own system (platforms[].held):
--     the national guideline of 2021-04-30 asks that residents' personal data and consultations
--     be kept in the body's or its contractor's database, not on the platform;
--   * who can see the talk history (platforms[].viewers);
--   * what the body does on the operator's incident (platforms[].incident): the operator of LINE
--     was instructed in 2021 and, after a leak of about 520,000 records, advised by 個人情報保護
--     委員会 in 2024.
-- Each question is read where it is answered: its field, or the plan's prose.  One finding per
-- platform naming the questions left.  low; medium when children's or 要配慮 data may pass through
-- and what stays off the platform is not said (the guideline's one condition for such data).
-- No council minutes asking these of LINE after 2021 were found; the seed council's LINE plan
-- (議題(5)) and the national guidance and regulators' actions are cited, and said to be so.

local TERMS = [[(?:利用規約|約款|プライバシーポリシー|規約|データ(?:の)?取扱(?:い)?(?:方針|ポリシー))[^。\n]{0,24}?(?:確認|精査|照合|了承|定め|による|に基づ)|(?:国内|日本国内)(?:の[^。\n]{0,10})?で(?:処理|保存|保管|管理)]]
local HELD = [[(?:LINE|プラットフォーム|アプリ|SNS|事業者|運営(?:会社|事業者))(?:側|上)?(?:に|には|では|へは)[^。\n]{0,16}?(?:保存|残|保持|蓄積|置か)(?:し|さ)?(?:ない|ず|ません)|連携(?:システム|サーバ)|(?:委託先|市|町|村|区|県|庁内|自治体|自庁)の(?:データベース|サーバ|システム)(?:に|へ|で)(?:直接)?(?:保存|格納|保管|管理)|直接(?:格納|保存)|(?:トーク|LINE|プラットフォーム|アプリ)(?:上|画面)?(?:では|で|には)[^。\n]{0,30}?(?:だけ|のみ)(?:を)?(?:送|通知|配信|表示)|(?:お知らせ|情報発信|周知|案内)(?:のみ|だけ)(?:に|で)?(?:利用|使用|使う)|個人情報(?:を|は)[^。\n]{0,10}?(?:扱わない|取り扱わない|受け付けない|送らない)]]
local VIEWERS = [[トーク履歴|チャット履歴|メッセージ(?:の)?履歴|管理画面|閲覧(?:できる|可能な)(?:職員|者)|(?:アカウント|管理者)(?:権限)?(?:を|は)[^。\n]{0,12}?(?:限定|限る|限り|職員)|(?:チャット|DM|ダイレクトメッセージ|メッセージ|トーク)(?:機能)?(?:は|を)?(?:使わ|利用し|使用し)(?:ない|ず)|一方向]]
local INCIDENT = [[(?:事業者|運営(?:会社|事業者)|LINE|障害|漏えい|漏洩|事故|インシデント|不正アクセス)[^。\n]{0,30}?(?:停止|中止|周知|代替|切り替|切替|報告を受け)|代替(?:手段|の窓口|の手段)]]

local QUESTIONS = {
  { key = "terms", re = TERMS, ja = "利用規約とデータの処理場所", en = "the terms and where data is processed",
    ask = "運営事業者の利用規約とデータを処理・保存する場所を確認した結果を「" .. hogo.label("platforms.terms") .. "」欄に",
    ask_en = "what the operator's terms say and where it processes and keeps the data, in platforms[].terms" },
  { key = "held", re = HELD, ja = "プラットフォームを通る情報と{body}のシステムに残す情報", en = "what passes over it and what stays in {body_en}'s system",
    ask = "プラットフォーム上を通る情報と、{body}（または委託先）のシステムだけに保存する情報（国のガイドラインは、住民の個人情報や相談内容をLINE側に保存しない構成を求めています）を「" .. hogo.label("platforms.held") .. "」欄に",
    ask_en = "what passes over the platform and what is kept only in {body_en}'s (or its contractor's) system -- the national guideline asks that residents' personal data and consultations not be stored on LINE's side -- in platforms[].held" },
  { key = "viewers", re = VIEWERS, ja = "トーク履歴を見られる者", en = "who can see the talk history",
    ask = "管理画面でトーク・メッセージの履歴を見られる職員・委託先を「" .. hogo.label("platforms.viewers") .. "」欄に",
    ask_en = "which staff or contractors can see the talk history in the admin screen, in platforms[].viewers" },
  { key = "incident", re = INCIDENT, ja = "事業者で事故が起きたときの対応", en = "what happens on the operator's incident",
    ask = "運営事業者で漏えいや障害が起きたときの利用停止・住民への周知・代わりの窓口を「" .. hogo.label("platforms.incident") .. "」欄に",
    ask_en = "how use is stopped, residents told and another channel offered when the operator has a breach or outage, in platforms[].incident" },
}

return {
  id        = "platform-handling",
  topic     = "platform.third_party",
  severity  = "low",
  title     = { ja = "外部プラットフォームの規約・保存・閲覧者・事故時の対応",
                en = "A third-party platform: terms, what it keeps, who sees it, its incidents" },
  message   = { ja = "{name}は外部の事業者{operator}が運営するサービスです。{missing}が記載されていません。",
                en = "{name} is run by an outside operator{operator_en}; {missing_en} not stated." },
  follow_up = { ja = "{asks}示してください。",
                en = "State {asks_en}." },
  precedent = "志木市 令和2年度第3回 議題(5)（LINEを活用した電子申請）" .. situation.PRE_ACT .. "; " .. situation.LINE_GUIDELINE .. "; " .. situation.LINE_REGULATORS .. "（審議会の議事録では見当たらず、国の指針と監督官庁の措置）",

  needs = { stated = { "platforms" } },

  check = function(plan, ctx)
    local st
    for _, p in ipairs(common.list(plan.platforms)) do
      if common.obj(p) then
        local left = {}
        for _, q in ipairs(QUESTIONS) do
          if not common.answer(p[q.key]) and not situation.mentions(plan, q.re) then left[#left + 1] = q end
        end
        if #left > 0 then
          st = st or common.stakes(plan)
          local vars = common.with_body(plan, { name = common.answer(p.name) or "外部プラットフォーム" })
          local op = common.answer(p.operator)
          vars.operator = op and ("（" .. op .. "）") or ""
          vars.operator_en = op and (" (" .. op .. ")") or ""
          local ja, en, asks, asks_en = {}, {}, {}, {}
          local sev = "low"
          for _, q in ipairs(left) do
            ja[#ja + 1] = common.body_words(plan, q.ja)
            en[#en + 1] = common.body_words(plan, q.en)
            asks[#asks + 1] = common.body_words(plan, q.ask)
            asks_en[#asks_en + 1] = common.body_words(plan, q.ask_en)
            if q.key == "held" and st.high then sev = "medium" end
          end
          vars.missing, vars.missing_en = table.concat(ja, "、"), table.concat(en, ", ") .. (#en > 1 and " are" or " is")
          vars.asks, vars.asks_en = table.concat(asks, "、"), table.concat(asks_en, "; ")
          ctx.report(p, left[1].key, { severity = sev, vars = vars })
        end
      end
    end
  end,
}
