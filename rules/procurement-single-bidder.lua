-- procurement-single-bidder: only one vendor quoted (or the text says the others declined, a
-- 随意契約 / 特命).  With one bidder the city has no alternative to compare the contractor's
-- handling of personal data with.  The council: 「発注の際には複数者で検討したのか」, answered
-- 「葬儀屋や石屋等へも見積依頼をしたが辞退となっている」(議題(1)).
--   bidders 0 or 1: low;  text only (bidders not stated): low
-- Every contractor is read.  docs/plan-guide.md 4 tells the writer to give the history in
-- description: quiet once the prose says both how it came to one vendor (見積依頼・辞退の理由・
-- 唯一の事業者) and how that vendor's handling of personal data was checked (認証, 事故の有無).

local SINGLE = [[辞退|1者のみ|一者のみ|1社のみ|一社のみ|1者から|1社から|随意契約|特命]]
local HISTORY = [[見積(?:書)?(?:を)?(?:依頼|徴取|照会)|入札(?:を)?(?:公告|実施)|(?:\d+|[一二三四五六七八九十複数数]+)(?:者|社)(?:に|へ|から|を対象)|辞退|唯一|のみが|他に(?:は)?(?:ない|いない|存在しない)|独自|特許|経緯]]
local CHECK = [[プライバシーマーク|Pマーク|ISMS|ISO\s*/?\s*(?:IEC\s*)?27001|JIS\s*Q\s*(?:15001|27001)|認証(?:を)?(?:取得|している|済)|事故(?:の)?(?:有無|歴)|過去.{0,12}事故|取扱(?:い)?(?:の)?(?:状況|体制)(?:を)?確認|実績]]

-- the plan explains the single vendor: both the history and the check (deferrals are no answer),
-- in the place the follow-up names (outsourcing[].selection) or the prose
local function explained(plan)
  local hist, chk = false, false
  local texts = {}
  for _, o in ipairs(common.outsourcings(plan)) do texts[#texts + 1] = common.answer(o.selection) end
  for _, f in ipairs(gov.prose(plan)) do texts[#texts + 1] = common.answer(f.text) end
  for _, t in ipairs(texts) do
    if t then
      hist = hist or hogo.test(t, HISTORY)
      chk = chk or hogo.test(t, CHECK, "i")
    end
  end
  return hist and chk
end

return {
  id        = "procurement-single-bidder",
  topic     = "procurement.competition",
  severity  = "low",
  title     = { ja = "見積・入札が1者のみ",
                en = "Only one vendor quoted" },
  message   = { ja = "{state}。",
                en = "{state_en}." },
  follow_up = { ja = "見積を依頼した事業者の数と辞退の理由、1者となった経緯、その事業者の個人情報の取扱い（認証取得、過去の事故の有無）をどう確認したかを「{label:outsourcing.selection}」の欄か概要に示してください。",
                en = "State how many vendors were asked, why the others declined, and how the chosen vendor's handling of personal data (certifications, past incidents) was checked, in the field \"{label:outsourcing.selection}\" or the description." },
  precedent = "志木市 令和2年度第3回 議題(1)（2021年2月17日、2023年4月の法施行前の審議）「発注の際には複数者で検討したのか」「葬儀屋や石屋等へも見積依頼をしたが辞退となっている」",

  -- needs: check() reads only common.outsourcings(plan): plan.outsourcing, and reports only on a
  -- numeric bidders (its key) or a text matching SINGLE (its words, as written there)
  needs = { stated = { "outsourcing" }, words = { "bidders", "辞退", "1者のみ", "一者のみ", "1社のみ", "一社のみ",
                                                  "1者から", "1社から", "随意契約", "特命" } },

  check = function(plan, ctx)
    local quiet = nil   -- worked out once, when a contractor needs it
    for _, o in ipairs(common.outsourcings(plan)) do
      local b = o.bidders
      local single = type(b) == "number" and b <= 1
      local f = (b == nil) and gov.find_claim(plan, SINGLE) or nil
      if single or f then
        if quiet == nil then quiet = explained(plan) end
        if quiet then return end
      end
      if single then
        ctx.report(o, "bidders", { vars = {
          state = b == 1 and "見積・入札に応じた事業者は1者のみです" or "見積・入札に応じた事業者がありません",
          state_en = b == 1 and "Only one vendor quoted" or "No vendor quoted" } })
      elseif f then
        ctx.report(o, "bidders", { vars = {
          state = "「" .. gov.quote(f, SINGLE) .. "」とあり、1者との契約になるとみられます",
          state_en = "The text suggests a single vendor" } })
        return   -- the prose is the plan's, not one contractor's: say it once
      end
    end
  end,
}
