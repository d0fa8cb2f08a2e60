-- procurement-bidders-not-stated: work with personal data is outsourced and the plan does not say
-- how many vendors were asked.  A question, info.  bidders: null stays quiet.

return {
  id        = "procurement-bidders-not-stated",
  topic     = "procurement.competition",
  severity  = "info",
  title     = { ja = "見積業者数が記載されていない",
                en = "Number of vendors not stated" },
  message   = { ja = "{contractor}の選定にあたり、何者から見積・提案を受けたかが記載されていません。",
                en = "The plan does not say how many vendors quoted before {contractor_en} was chosen." },
  follow_up = { ja = "見積・提案を受けた事業者の数と選定の方法（入札、プロポーザル、随意契約）を記載してください（outsourcing.bidders）。",
                en = "State how many vendors quoted and how the contractor was chosen (tender, proposal, single-source) (outsourcing.bidders)." },
  precedent = "志木市 令和2年度第3回 議題(1)「発注の際には複数者で検討したのか」",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o or o.bidders ~= nil then return end
    -- the text already tells of a single vendor: procurement-single-bidder asks about it
    if gov.find_claim(plan, [[辞退|1者のみ|一者のみ|1社のみ|一社のみ|1者から|1社から|随意契約|特命]]) then return end
    ctx.report(o, "bidders", { vars = {
      contractor = type(o.contractor) == "string" and ("受託者（" .. o.contractor .. "）") or "受託者",
      contractor_en = type(o.contractor) == "string" and ("the contractor (" .. o.contractor .. ")") or "the contractor" } })
  end,
}
