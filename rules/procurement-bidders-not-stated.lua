-- procurement-bidders-not-stated: work with personal data is outsourced and the plan does not say
-- how many vendors were asked or how the contractor was chosen.  The council asked it
-- (議題(1)「発注の際には複数者で検討したのか」): a question to answer before the session, low.
-- bidders: null stays quiet; so does prose telling the selection (入札, プロポーザル, 見積合わせ,
-- N者から見積) -- procurement-single-bidder asks about a single vendor.  Every contractor is read.
local SELECTION = [[入札|プロポーザル|企画競争|見積(?:り)?合わせ|相見積|[0-9０-９]+\s*(?:者|社)(?:から|が|に)|複数(?:者|社)|辞退|1者のみ|一者のみ|1社のみ|一社のみ|随意契約|特命]]

return {
  id        = "procurement-bidders-not-stated",
  topic     = "procurement.competition",
  severity  = "low",
  title     = { ja = "見積業者数が記載されていない",
                en = "Number of vendors not stated" },
  message   = { ja = "{contractor}の選定にあたり、何者から見積・提案を受けたかが記載されていません。",
                en = "The plan does not say how many vendors quoted before {contractor_en} was chosen." },
  follow_up = { ja = "見積・提案を受けた事業者の数（「{label:outsourcing.bidders}」欄）と選定の方法（入札、プロポーザル、随意契約）を記載してください。",
                en = "State how many vendors quoted (outsourcing.bidders) and how the contractor was chosen (tender, proposal, single-source)." },
  precedent = "志木市 令和2年度第3回 議題(1)「発注の際には複数者で検討したのか」（2023年4月の法施行前の審議）",

  -- needs: check() reads only common.outsourcings(plan): plan.outsourcing
  needs = { stated = { "outsourcing" } },

  check = function(plan, ctx)
    for _, o in ipairs(common.outsourcings(plan)) do
      if o.bidders == nil and not gov.find_claim(plan, SELECTION) then
        local name = common.answer(o.contractor) and o.contractor or nil
        ctx.report(o, "bidders", { vars = {
          contractor = name and ("受託者（" .. name .. "）") or "受託者",
          contractor_en = name and ("the contractor (" .. name .. ")") or "the contractor" } })
      end
    end
  end,
}
