-- disposal-not-stated: the plan handles personal data but says nothing about how it is
-- destroyed or returned at the end.  The council settled the cemetery case on 溶解 with a
-- certificate within 3 months (議題(1)); without a disposal plan there is nothing to hold the
-- contractor to.  low (a question).  `"disposal": null` is accepted unless the contractor
-- keeps data at its site (then it cannot be "not applicable").
return {
  id        = "disposal-not-stated",
  topic     = "disposal.method",
  severity  = "low",
  title     = { ja = "廃棄・返却の方法が記載されていない",
                en = "How the data is destroyed or returned is not stated" },
  message   = { ja = "{data}を扱う計画ですが、業務終了後や保存期間経過後の廃棄・返却の方法が記載されていません。",
                en = "The plan handles {data_en} but does not say how it is destroyed or returned after the work or the retention period." },
  follow_up = { ja = "紙・電子媒体ごとに、廃棄の方法（溶解、消去、物理破壊、返却）、誰が行うか、期限、受託者が行う場合の廃棄証明の提出を示してください。",
                en = "For paper and electronic media, state the method (dissolution, erasure, physical destruction, return), who does it, the deadline, and a certificate when the contractor does it." },
  precedent = "志木市 令和2年度第3回 議題(1)「受け渡しから3か月以内に溶解証明を提出してもらうか、返却していただく」",

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    local st = common.stakes(plan)
    local vars = { data = st.label_ja, data_en = st.label_en }
    if plan.disposal == nil then
      ctx.report(plan, "disposal", { vars = vars })
    elseif hogo.is_null(plan.disposal) then
      for _, s in ipairs(common.list(plan.storage)) do
        if s.location == "contractor" then
          ctx.report(plan, "disposal", {
            message = { ja = "廃棄は「該当なし」とされていますが、受託者の施設で「{what}」を保管する計画です。受託者の手元の情報の返却・廃棄の方法を示してください。",
                        en = "Disposal is stated as not applicable, yet the contractor keeps \"{what}\" at its site. State how it is returned or destroyed." },
            vars = { what = s.what or "データ" } })
          return
        end
      end
    end
  end,
}
