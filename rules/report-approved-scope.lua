-- report-approved-scope: a 報告事項 (a procedure or system reported, not consulted) that either
-- does not say which approval it falls under and what changed, or adds what the council was never
-- asked about (the cloud, an outside platform, a provision to others).  新座市 reports its 届出 in
-- bulk (新規20件、変更23件、廃止9件); 狛江市 reports 防犯カメラ設置変更届; 狛江市の委員: 「実証実験で
-- あっても事前に審議会に諮問すべきである」.  low for the missing reference; medium when the report
-- adds the cloud, a platform or a provision.  Quiet when the plan names the earlier approval (答申,
-- 承認, 諮問済み, 第○号) and adds nothing new outside the city.

local APPROVED = [[(?:答申|承認|諮問|審議)[^。]{0,20}(?:第?\d+号|令和|平成|済|を得|を受け)|(?:令和|平成)\d+年[^。]{0,20}(?:答申|承認|諮問)|既に(?:承認|諮問|答申)|前回(?:の)?(?:審議会|答申|承認)|届出(?:事項)?(?:の)?(?:変更|新規|廃止)]]
local OUTSIDE = [[外部提供|第三者(?:に|へ)(?:提供|渡)|(?<![A-Za-z])LINE(?![A-Za-z])|SNS|クラウド|Google|外部サービス]]

return {
  id        = "report-approved-scope",
  topic     = "governance.reconsultation",
  severity  = "low",
  title     = { ja = "報告事項と既に承認された範囲",
                en = "A report and the scope already approved" },
  message   = { ja = "報告事項の計画ですが、{problem}",
                en = "This is a report to the council, but {problem_en}" },
  follow_up = { ja = "どの答申・承認（番号・日付）の範囲内の追加・変更かと、追加・変更した手続やシステムの一覧を記載してください。承認の範囲を超えて（クラウド、外部サービス、外部提供など）新たな取扱いを加える場合は、報告ではなく諮問としてください。",
                en = "State which earlier 答申 or approval (number, date) this addition or change falls under, and list the procedures or systems added or changed. If it adds handling beyond that approval (the cloud, an outside service, a provision), put it to the council as a consultation, not a report." },
  precedent = "新座市情報公開・個人情報保護審議会 令和元年8月5日 議題(2)「個人情報取扱事務届出の報告について」（新規20件、変更23件、廃止9件）; 狛江市個人情報保護審議会 平成29年10月17日 報告事項イ「防犯カメラ設置変更届について」; 同 令和3年8月2日「実証実験であっても事前に審議会に諮問すべきである」; 長岡京市 令和2年9月18日 報告（防犯カメラ記録映像の外部提供）",

  -- needs: check() returns at once unless consultation.kind holds report
  needs = { stated = { "consultation" }, words = { "report" } },

  check = function(plan, ctx)
    local kinds = common.kinds(plan)
    if not kinds.report then return end
    local c = common.obj(plan.consultation) or plan
    local outside = gov.exposure(plan)
    local f = tech.says(plan, OUTSIDE)
    local only_report = true
    for k in pairs(kinds) do if k ~= "report" then only_report = false end end
    if only_report and (outside or f) then
      local at, key = c, "kind"
      ctx.report(at, key, { severity = "medium", vars = {
        problem = "承認済みの範囲を超えて、クラウド・外部サービス・外部提供など新たな取扱いを加える内容が含まれています。報告ではなく諮問が必要ではないかが示されていません。",
        problem_en = "it adds new handling beyond the approval (the cloud, an outside service, a provision); the plan does not show why a report, not a consultation, suffices." } })
      return
    end
    if tech.mentions(plan, APPROVED) then return end
    if #common.list(common.get(plan, "council", "conditions")) > 0 then return end
    ctx.report(c, "kind", { vars = {
      problem = "どの答申・承認の範囲内の追加・変更なのか、何を追加・変更したのかが記載されていません。",
      problem_en = "it does not say which earlier approval it falls under, or what was added or changed." } })
  end,
}
