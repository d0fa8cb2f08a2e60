-- procurement-single-bidder: only one vendor quoted (or the text says the others declined, a
-- 随意契約 / 特命).  With one bidder the city has no alternative to compare the contractor's
-- handling of personal data with.  The council: 「発注の際には複数者で検討したのか」, answered
-- 「葬儀屋や石屋等へも見積依頼をしたが辞退となっている」(議題(1)).
--   bidders 0 or 1: low;  text only (bidders not stated): low

local SINGLE = [[辞退|1者のみ|一者のみ|1社のみ|一社のみ|1者から|1社から|随意契約|特命]]

return {
  id        = "procurement-single-bidder",
  topic     = "procurement.competition",
  severity  = "low",
  title     = { ja = "見積・入札が1者のみ",
                en = "Only one vendor quoted" },
  message   = { ja = "{state}。",
                en = "{state_en}." },
  follow_up = { ja = "見積を依頼した事業者の数と辞退の理由、1者となった経緯、その事業者の個人情報の取扱い（認証取得、過去の事故の有無）をどう確認したかを示してください。",
                en = "State how many vendors were asked, why the others declined, and how the chosen vendor's handling of personal data (certifications, past incidents) was checked." },
  precedent = "志木市 令和2年度第3回 議題(1)「発注の際には複数者で検討したのか」「葬儀屋や石屋等へも見積依頼をしたが辞退となっている」",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o then return end
    local b = o.bidders
    if type(b) == "number" and b <= 1 then
      ctx.report(o, "bidders", { vars = {
        state = b == 1 and "見積・入札に応じた事業者は1者のみです" or "見積・入札に応じた事業者がありません",
        state_en = b == 1 and "Only one vendor quoted" or "No vendor quoted" } })
    elseif b == nil then
      local f = gov.find_claim(plan, SINGLE)
      if f then
        ctx.report(o, "bidders", { vars = {
          state = "「" .. gov.quote(f, SINGLE) .. "」とあり、1者との契約になるとみられます",
          state_en = "The text suggests a single vendor" } })
      end
    end
  end,
}
