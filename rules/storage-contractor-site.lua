-- storage-contractor-site: personal data kept at the contractor's premises with no stated
-- end: the council settled the cemetery case only once the contractor's papers were to be
-- dissolved with a certificate or returned within 3 months (議題(1)).
-- low (a question to answer before the session); medium when the data is children's or 要配慮,
-- or the contractor's site is reachable from the internet.  Cleared by either end the council
-- accepted: a return by the contractor, or its disposal with a certificate -- in disposal[], or in
-- the plan's own words (「業務終了後に返却」「溶解証明を提出」).
local END = [[返却|(?:溶解|廃棄|消去|削除)(?:の)?(?:証明|完了報告)]]

return {
  id        = "storage-contractor-site",
  topic     = "storage.location",
  severity  = "low",
  title     = { ja = "受託者の施設で個人情報を保管",
                en = "Personal data kept at the contractor's site" },
  message   = { ja = "「{what}」を受託者の施設で保管しますが、{extra}業務終了後に受託者の手元の個人情報をどう返却・廃棄するかが示されていません。",
                en = "\"{what}\" is kept at the contractor's site{extra_en}, but how the contractor returns or destroys it afterwards is not stated." },
  follow_up = { ja = "受託者での保管場所と管理方法（施錠保管、持出し禁止、閲覧者の限定）と、業務終了後の返却または廃棄（方法、期限、廃棄証明）を示してください（「{label:disposal}」欄に、廃棄する者を「委託先」として記載）。",
                en = "State where and how the contractor keeps it (locked storage, no removal, limited readers) and how it is returned or destroyed (method, deadline, certificate), as a disposal entry by the contractor." },
  precedent = "志木市 令和2年度第3回 議題(1)「受け渡しから3か月以内に溶解証明を提出してもらうか、返却していただく」" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.storage
  -- needs words: a storage entry whose location is contractor
  needs = { stated = { "storage" }, words = { "contractor" } },

  check = function(plan, ctx)
    -- the end of the data at the contractor is settled by a return, or a disposal with a certificate
    for _, d in ipairs(common.list(plan.disposal)) do
      if common.obj(d) and d.by == "contractor" and (d.method == "return" or d.certificate == true) then return end
    end
    -- (the prose is read only for a plan that keeps data at the contractor)
    local at_contractor = false
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.location == "contractor" then at_contractor = true; break end
    end
    if not at_contractor then return end
    if situation.says(plan, END) then return end
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.location == "contractor" then
        local online = s.network == "internet"
        ctx.report(s, "location", { severity = (st.high or online) and "medium" or "low", vars = {
          what = common.answer(s.what) or "データ",
          extra = online and "インターネットに接続された環境で、" or "",
          extra_en = online and ", on a system connected to the internet" or "" } })
      end
    end
  end,
}
