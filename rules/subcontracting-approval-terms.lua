-- subcontracting-approval-terms: re-subcontracting is allowed with the city's approval.  That is
-- the usual arrangement and fine; for 要配慮・児童・被害者の情報 the council still wants to know
-- what the approval checks.  Info only.

return {
  id        = "subcontracting-approval-terms",
  topic     = "outsourcing.subcontracting",
  severity  = "info",
  title     = { ja = "承認による再委託の条件",
                en = "Conditions for approved re-subcontracting" },
  message   = { ja = "{data}の取扱いについて、市の承認を条件に再委託を認める計画です。",
                en = "Re-subcontracting of work on {data_en} is allowed with the city's approval." },
  follow_up = { ja = "承認の際に確認する事項（再委託先の名称・業務範囲・安全管理措置）と、特記事項を再委託先にも適用することを示してください。",
                en = "State what the approval checks (the subcontractor's name, scope and safeguards) and that the special terms bind the subcontractor too." },
  precedent = "個人情報保護法 第66条第2項; 個人情報保護委員会「個人情報の保護に関する法律についての事務対応ガイド（行政機関等向け）」（再委託）",

  check = function(plan, ctx)
    local o = common.outsourced(plan)
    if not o or o.subcontracting ~= "with_approval" then return end
    local lv, st = gov.level(plan)
    if lv < 2 then return end
    ctx.report(o, "subcontracting", { vars = { data = st.label_ja, data_en = st.label_en } })
  end,
}
