-- storage-contractor-site: personal data kept at the contractor's premises with no stated
-- end: the council settled the cemetery case only once the contractor's papers were to be
-- dissolved with a certificate or returned within 3 months (議題(1)).
return {
  id        = "storage-contractor-site",
  topic     = "storage.location",
  severity  = "info",
  title     = { ja = "受託者の施設で個人情報を保管",
                en = "Personal data kept at the contractor's site" },
  message   = { ja = "「{what}」を受託者の施設で保管しますが、業務終了後に受託者の手元の個人情報をどう返却・廃棄するかが示されていません。",
                en = "\"{what}\" is kept at the contractor's site, but how the contractor returns or destroys it afterwards is not stated." },
  follow_up = { ja = "受託者での保管場所と管理方法（施錠保管、持出し禁止、閲覧者の限定）と、業務終了後の返却または廃棄（方法、期限、廃棄証明）を示してください。",
                en = "State where and how the contractor keeps it (locked storage, no removal, limited readers) and how it is returned or destroyed (method, deadline, certificate)." },
  precedent = "志木市 令和2年度第3回 議題(1)「受け渡しから3か月以内に溶解証明を提出してもらうか、返却していただく」",

  check = function(plan, ctx)
    -- the end of the data at the contractor is settled by a return, or a disposal with a certificate
    for _, d in ipairs(common.list(plan.disposal)) do
      if d.by == "contractor" and (d.method == "return" or d.certificate == true) then return end
    end
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      if s.location == "contractor" then
        ctx.report(s, "location", { severity = st.high and "low" or "info",
                                    vars = { what = s.what or "データ" } })
      end
    end
  end,
}
