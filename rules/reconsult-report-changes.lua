-- reconsult-report-changes: the plan is put to the council as a report (報告事項), yet its text
-- tells of new uses, new items or a wider scope.  A report cannot authorise a change: new
-- processing of personal data must be put to the council as a consultation (諮問).  low.
-- Quiet once the follow-up is answered: the plan is (also) put as a consultation (another kind
-- beside report), or its prose says the change is put to the council (「追加分は諮問する」).

local CONSULTED = [[諮問(?:する|します|し|を行|を予定|予定|事項)|審議会に(?:諮|はか|かけ)]]
local CHANGE = [[(?:対象|項目|範囲|機能|業務|用途|利用目的|収集する情報|提供先)(?:[^。、]{0,16}?)(?:新たに|新規に)?(?:追加|拡大|拡充|拡張|変更|広げ)|新たに(?:[^。、]{0,12})(?:収集|取得|提供|利用|追加)(?:する|します|した|を開始)]]

return {
  id        = "reconsult-report-changes",
  topic     = "governance.reconsultation",
  severity  = "low",
  title     = { ja = "報告事項に取扱いの変更が含まれている",
                en = "A report that changes the processing" },
  message   = { ja = "報告事項として提出されていますが、「{quote}」と、個人情報の取扱いの追加・変更が含まれています。",
                en = "The plan is submitted as a report, but it changes or extends the processing (\"{quote}\")." },
  follow_up = { ja = "追加・変更する取扱い（対象者、項目、利用範囲）を明らかにし、報告ではなく諮問として審議会に諮るかどうかを示してください（「{label:consultation.kind}」欄）。",
                en = "Set out what is added or changed (people, items, uses) and say whether it will be put to the council as a consultation rather than a report (consultation.kind)." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(5)（前回審議会に諮問した案件の進捗状況の報告）; 議題(6)「審議会や審査会にかけるとも検討してほしい」; 新座市情報公開・個人情報保護審議会 令和元年8月5日 議題(2)「個人情報取扱事務届出の報告について」（新規20件、変更23件、廃止9件）; 狛江市個人情報保護審議会 平成29年10月17日 報告事項イ「防犯カメラ設置変更届について」",

  -- needs: check() returns at once unless consultation.kind holds report
  needs = { stated = { "consultation" }, words = { "report" } },

  check = function(plan, ctx)
    if not common.has_kind(plan, "report") then return end   -- kind may be an array
    for k in pairs(common.kinds(plan)) do
      if k ~= "report" then return end          -- the change is put as a consultation too
    end
    if gov.find_claim(plan, CONSULTED) then return end
    local f = gov.find_claim(plan, CHANGE)
    if not f then return end
    ctx.report(f.node, f.key, { vars = { quote = gov.quote(f, CHANGE) } })
  end,
}
