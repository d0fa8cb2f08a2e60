-- volume-my-number-assessment: a plan that handles 個人番号 (特定個人情報) needs a 特定個人情報保護評価
-- whose kind depends on the number of people (番号法 第28条, 特定個人情報保護評価に関する規則 第4条):
--   under 1,000                 none required
--   1,000 – under 10,000        基礎項目評価                                   → low
--   10,000 – under 100,000      基礎項目評価; + 重点項目評価 when 500+ handlers
--                               (access.staff) or a serious incident in the past year → low / medium
--   100,000 – under 300,000     基礎 + 重点項目評価; 全項目評価 when 500+ handlers or incident → medium / high
--   300,000 and over            基礎 + 全項目評価                               → high
-- When the plan already names the required assessment as done or planned (「全項目評価を実施済み」
-- 「稼働前に重点項目評価を実施し公表する」) the follow-up is answered: quiet.  A lower assessment
-- than the one required, or a denial (「全項目評価は実施しない」), does not answer it.
-- When the plan changes an existing process that holds the numbers (「既存の申告受付事務の入力を
-- 委託する」「現行システムを更新する」), the file was assessed when it began: the finding asks instead
-- whether the change is a 重要な変更 calling for the assessment again (low), and reminds that the
-- threshold counts the people in the file, not a year's returns; quiet once 重要な変更 / 再実施 /
-- 評価書の修正 is spoken of.
-- When the number of people is not stated the rule asks it (low: a question before the
-- session): the council's 「年間にどれくらいの件数を想定しているのか」 (議題(1)).
local MYNUMBER_RE = [[個人番号(?!カード)|マイナンバー(?!カード)|特定個人情報]]
-- A change to a process that already holds the numbers: its file was assessed when it began
-- (most 個人番号利用事務 were assessed from 2015), so the question is whether this change is a
-- 重要な変更 that calls for the assessment to be done again, not a new population.
local EXISTING = [[(?:既存|現行|従来|これまで)(?:の)?[^。]{0,20}?(?:事務|業務|システム|処理|受付|審査|入力)|(?:事務|業務|処理|入力|受付|審査|システム)[^。]{0,12}(?:を|の)(?:一部|見直|変更|更新|改修|切り替|切替|効率化|委託化|自動化)|(?:事務|業務|処理|入力|受付|審査|作業)[^。]{0,20}?(?:省力化|効率化|外部委託|自動化|(?<![A-Za-z])(?:AI-?OCR|RPA)(?![A-Za-z]))]]
local ANSWERED_CHANGE = [[重要な変更|再実施|評価書(?:の|を)?(?:修正|見直し|変更)|評価(?:の)?(?:見直し|再評価)]]
local INCIDENT_RE = [[重大(な)?事故|重大事案|漏えい事案|漏洩事案|流出事案]]
local LEVEL = { basic = 1, priority = 2, full = 3 }
local LEVEL_JA = { "基礎項目評価", "基礎項目評価及び重点項目評価", "基礎項目評価及び全項目評価" }
local LEVEL_EN = { "a basic assessment (基礎項目評価)", "a basic and a priority assessment (重点項目評価)",
                   "a basic and a full assessment (全項目評価)" }
local LEVEL_SEV = { "low", "medium", "high" }
local DONE_RE = { [[基礎項目評価|重点項目評価|全項目評価]], [[重点項目評価|全項目評価]], [[全項目評価]] }

-- the item's own name, when it says more than 個人番号 (「マイナンバー（申請書記載）」)
local function item_vars(my)
  local n = common.text(my.name)
  if n == "" or n == "個人番号" then return { item = "", item_en = "" } end
  return { item = "（「" .. my.name .. "」）", item_en = " (\"" .. my.name .. "\")" }
end

return {
  id        = "volume-my-number-assessment",
  topic     = "data.volume",
  severity  = "low",
  title     = { ja = "特定個人情報保護評価の実施",
                en = "Specific personal information protection assessment" },
  message   = { ja = "個人番号{item}を{persons}人分取り扱う計画で、{why}{level}が必要です。",
                en = "The plan handles the My Number{item_en} of {persons} people; {why_en}it requires {level_en}." },
  follow_up = { ja = "特定個人情報保護評価書を作成・公表し（全項目評価は第三者点検を経て）、システムの稼働前に個人情報保護委員会へ提出してください。実施済み・実施予定であれば評価の種類と評価書の番号・公表日（予定日）を「{label:description}」欄に記載してください。",
                en = "Prepare and publish the assessment report (a full assessment after third-party review) and submit it to the Personal Information Protection Commission before the system goes live; if done or planned, name the assessment and cite the report and its (planned) publication date in description." },
  precedent = "行政手続における特定の個人を識別するための番号の利用等に関する法律 第28条; 特定個人情報保護評価に関する規則 第4条; 志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(1)「年間にどれくらいの件数を想定しているのか」; 個人情報保護委員会「特定個人情報保護評価指針」（平成26年特定個人情報保護委員会告示第4号）第5 2 しきい値判断:「対象人数が30万人以上の場合」「対象人数が10万人以上30万人未満で、特定個人情報ファイルの取扱者数が500人以上の場合」全項目評価（成田市の解説）; 狛江市個人情報保護審議会 平成29年10月17日 報告事項ウ「特定個人情報保護評価の実施に係る報告について」",

  -- needs: check() reports nothing without plan.data
  -- needs words: an item of category my_number or named by MYNUMBER_RE
  needs = { stated = { "data" }, words = { "my_number", "個人番号", "マイナンバー", "特定個人情報" } },

  check = function(plan, ctx)
    local my = common.items_of(plan, "my_number", MYNUMBER_RE)[1]
    if not my then return end
    local data = common.obj(plan.data)
    local persons, source = common.persons(plan)
    if persons == nil then
      if data and hogo.is_null(data.persons) then return end   -- stated: not applicable
      ctx.report(data or plan, data and "persons" or "data", { severity = "low", vars = item_vars(my),
        message = { ja = "個人番号{item}を取り扱う計画ですが、対象となる人数が記載されていません。特定個人情報保護評価の要否と種類は対象人数で決まります。",
                    en = "The plan handles the My Number{item_en} but does not state how many people are covered; whether and which assessment is required depends on that number." },
        follow_up = { ja = "対象人数（「{label:data.persons}」欄）と年間の件数（「{label:data.annual}」欄）、特定個人情報を取り扱う職員等の数（「{label:access.staff}」欄）を示してください。",
                      en = "State the number of people (data.persons), cases per year (data.annual) and the number of staff handling the data (access.staff)." } })
      return
    end
    if persons < 1000 then return end
    -- an existing assessed process changed: ask about the 重要な変更, not a new assessment
    local existing = gov.find_claim(plan, EXISTING)
    if existing then
      if gov.find_claim(plan, ANSWERED_CHANGE) then return end
      local vars = item_vars(my)
      vars.quote = gov.excerpt(gov.sentence(existing.text, EXISTING), 40)
      ctx.report(data or plan, (data and source == "persons") and "persons" or "data", { severity = "low", vars = vars,
        message = { ja = "個人番号{item}を扱う既存の事務を変える計画です（「{quote}」）。この事務の特定個人情報ファイルには特定個人情報保護評価が既に実施されているはずで、今回の変更がその評価の再実施を要する重要な変更に当たるかが示されていません。",
                    en = "The plan changes an existing process that handles the My Number{item_en} (\"{quote}\"). Its file should already have been assessed; the plan does not say whether this change is a significant change that calls for the assessment to be done again." },
        follow_up = { ja = "既存の特定個人情報保護評価書（評価書番号・公表日）と、今回の変更（委託・システム・取扱者・記録項目など）が重要な変更に当たるか（当たる場合は評価の再実施、当たらない場合は評価書の修正の要否）を「{label:description}」に示してください。しきい値判断の対象人数は、1年間の申告書・申請書の件数ではなく、特定個人情報ファイルに記録される本人の数です。",
                      en = "Cite the existing assessment report (number, publication date) and say in \"{label:description}\" whether this change (outsourcing, system, handlers, items) is a significant change (then the assessment is done again) or only calls for the report to be amended. The threshold counts the people recorded in the file, not a year's returns or applications." },
        precedent = "特定個人情報保護評価指針（平成26年特定個人情報保護委員会告示第4号）: 過去に特定個人情報保護評価を実施した特定個人情報ファイルを取り扱う事務について、重要な変更の場合には再実施するものとする（国の指針）; 行政手続における特定の個人を識別するための番号の利用等に関する法律 第28条; 狛江市個人情報保護審議会 平成29年10月17日 報告事項ウ「特定個人情報保護評価の実施に係る報告について」" })
      return
    end
    local staff = common.num(common.get(plan, "access", "staff")) or 0
    local incident = common.find_text(plan, INCIDENT_RE, { purpose = true, description = true, operations = true }) ~= nil
    local heavy = staff >= 500 or incident
    local level
    if persons < 10000 then level = LEVEL.basic
    elseif persons < 100000 then level = heavy and LEVEL.priority or LEVEL.basic
    elseif persons < 300000 then level = heavy and LEVEL.full or LEVEL.priority
    else level = LEVEL.full end
    local sev = LEVEL_SEV[level]
    -- the plan already names the assessment it carries out: the follow-up is answered
    if gov.find_claim(plan, DONE_RE[level]) then return end
    local why, why_en = "", ""
    if heavy and persons >= 10000 and persons < 300000 then
      why = incident and "過去1年以内の重大事故があるため、" or "取扱者が500人以上のため、"
      why_en = incident and "with a serious incident in the past year, " or "with 500 or more handlers, "
    end
    local at_node, at_key = data or plan, source == "persons" and "persons" or "subjects"
    local vars = item_vars(my)
    vars.persons, vars.level, vars.level_en, vars.why, vars.why_en =
      common.fmt_int(persons), LEVEL_JA[level], LEVEL_EN[level], why, why_en
    ctx.report(at_node, at_key, { severity = sev, vars = vars })
  end,
}
