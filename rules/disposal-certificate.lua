-- disposal-certificate: the contractor destroys personal data with no certificate (廃棄証明・
-- 溶解証明) to show for it.  The council: 「業者が処分した場合には溶解証明をいただく」(議題(1)).
-- Not stated: low; stated as none: medium; one step up for 要配慮 data.  A return needs no
-- certificate.  Cleared by certificate: true, a return, or (when the field is not given) the plan's
-- own words naming the certificate or report (「溶解証明を提出」「消去証明書」「削除完了報告」).
-- Data held in a cloud service is not "destroyed" but deleted: it is asked for a certificate of
-- erasure or a deletion report with its evidence, not a 溶解証明.
-- (whether it asks: situation.certificate_asked, which disposal-device-deletion reads too, so the
-- certificate is asked once)

return {
  id        = "disposal-certificate",
  topic     = "disposal.method",
  severity  = "low",
  title     = { ja = "受託者の廃棄に証明がない",
                en = "No certificate for the contractor's destruction" },
  message   = { ja = "受託者が{medium}を廃棄しますが、{problem}",
                en = "The contractor destroys {medium_en}, but {problem_en}" },
  follow_up = { ja = "受託者が廃棄した場合は、廃棄の日時・方法・数量を記載した廃棄証明（溶解証明、消去証明）を{body}に提出させ、{body}の職員が確認してください（「{label:disposal.certificate}」欄）。",
                en = "Require the contractor to submit a certificate (date, method, quantity) of dissolution or erasure, checked by {body_en}'s staff (disposal certificate: true)." },
  precedent = "志木市 令和2年度第3回 議題(1)「業者が処分した場合には溶解証明をいただく」" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.disposal
  -- needs words: situation.certificate_asked: a disposal entry done by the contractor
  needs = { stated = { "disposal" }, words = { "contractor" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    local in_cloud = situation.cloud_held(plan)
    for _, d in ipairs(common.list(plan.disposal)) do
      if situation.certificate_asked(plan, d) then
        local sev = d.certificate == false and "medium" or "low"
        if st.sensitive then sev = common.sev_shift(sev, 1) end
        local paper = d.medium == "paper"
        local cloud = in_cloud and d.medium == "electronic"
        local opts = { severity = sev, vars = common.with_body(plan, {
          medium = paper and "紙媒体" or (cloud and "クラウドサービス上の電子データ" or "電子データ・媒体"),
          medium_en = paper and "paper records" or (cloud and "the data in the cloud service" or "electronic data or media"),
          problem = d.certificate == false and "廃棄証明を求めない計画です。" or "廃棄証明の提出が記載されていません。",
          problem_en = d.certificate == false and "no certificate is required." or "no certificate is mentioned." }) }
        if cloud then
          opts.follow_up = {
            ja = "クラウドサービス上のデータは、バックアップを含めて削除した日時・範囲を記載した消去証明または削除完了の報告（操作記録などの証跡を添えて）を{body}に提出させ、{body}の職員が確認してください（「{label:disposal.certificate}」欄）。",
            en = "Require a certificate of erasure, or a deletion report with its evidence (e.g. operation logs), stating when and what was deleted, backups included, checked by {body_en}'s staff (disposal certificate: true)." }
        end
        ctx.report(d, "certificate", opts)
      end
    end
  end,
}
