-- disposal-certificate: the contractor destroys personal data with no certificate (廃棄証明・
-- 溶解証明) to show for it.  The council: 「業者が処分した場合には溶解証明をいただく」(議題(1)).
-- Not stated: low; stated as none: medium; one step up for 要配慮 data.  A return needs no certificate.
return {
  id        = "disposal-certificate",
  topic     = "disposal.method",
  severity  = "low",
  title     = { ja = "受託者の廃棄に証明がない",
                en = "No certificate for the contractor's destruction" },
  message   = { ja = "受託者が{medium}を廃棄しますが、{problem}",
                en = "The contractor destroys {medium_en}, but {problem_en}" },
  follow_up = { ja = "受託者が廃棄した場合は、廃棄の日時・方法・数量を記載した廃棄証明（溶解証明、消去証明）を市に提出させ、市の職員が確認してください。",
                en = "Require the contractor to submit a certificate (date, method, quantity) of dissolution or erasure, checked by city staff." },
  precedent = "志木市 令和2年度第3回 議題(1)「業者が処分した場合には溶解証明をいただく」",

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, d in ipairs(common.list(plan.disposal)) do
      if d.by == "contractor" and d.method ~= "return" and d.certificate ~= true then
        local sev = d.certificate == false and "medium" or "low"
        if st.sensitive then sev = common.sev_shift(sev, 1) end
        local paper = d.medium == "paper"
        ctx.report(d, "certificate", { severity = sev, vars = {
          medium = paper and "紙媒体" or "電子データ・媒体",
          medium_en = paper and "paper records" or "electronic data or media",
          problem = d.certificate == false and "廃棄証明を求めない計画です。" or "廃棄証明の提出が記載されていません。",
          problem_en = d.certificate == false and "no certificate is required." or "no certificate is mentioned." } })
      end
    end
  end,
}
