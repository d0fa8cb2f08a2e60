-- minimize-whole-database: a whole database, ledger or "all records" is handed to an outside party
-- when the work needs only some fields or people.  The council on the HPV plan: 「受託者に
-- 未受診者の資料を送付する場合には、データベースを渡すのか」 (議題(3)).  low; medium for sensitive data.
-- Quiet when the hand-over says it is cut down to what the work needs (「台帳から未受診者の氏名・
-- 住所のみを抽出」): the follow-up's answer, written where the hand-over is.
local LIMITED = [[抽出|のみ|だけ|に限|限定|絞|必要な(?:項目|範囲|対象)|一部]]
local WHOLE = [[データベース|(?<![A-Za-z])DB(?![A-Za-z])|全件|台帳|マスタ|マスター|一式|全データ|すべての(データ|情報|記録)|全ての(データ|情報|記録)]]

return {
  id        = "minimize-whole-database",
  topic     = "data.minimization",
  severity  = "low",
  title     = { ja = "データベースをそのまま受託者等に渡す",
                en = "A whole database is handed over" },
  message   = { ja = "「{what}」を{to}へ渡す計画です。業務に必要な対象者・項目に絞らずにデータベースや台帳ごと渡すおそれがあります。",
                en = "\"{what}\" goes to {to}: the whole database or ledger may be handed over rather than only the people and fields the work needs." },
  follow_up = { ja = "受け渡す対象者の範囲と項目を業務に必要なものに限定し、その一覧を「{label:transfers.what}」欄に示してください（例：「台帳から抽出した未受診者の氏名・住所のみ」）。",
                en = "Limit what is handed over to the people and fields the work needs and list them in transfers[].what (e.g. 'only the name and address of those not yet screened, extracted from the ledger')." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(3)「受託者に未受診者の資料を送付する場合には、データベースを渡すのか」",

  -- needs: check() reports nothing without plan.transfers
  -- needs words: a transfer whose what says WHOLE (マスター: マスタ; すべての(データ|情報|記録): すべての)
  needs = { stated = { "transfers" }, prose = { "データベース", "db", "全件", "台帳", "マスタ", "一式", "全データ", "すべての", "全ての" } },

  check = function(plan, ctx)
    local sensitive = common.has_sensitive(plan)
    for _, t in ipairs(common.list(plan.transfers)) do
      if hogo.test(common.text(t.what), WHOLE, "i") and not hogo.test(common.text(t.what), LIMITED)
         and not common.is_city(t.to, plan)
         and common.text(t.to) ~= "" then
        ctx.report(t, "what", { severity = sensitive and "medium" or "low",
                                vars = { what = t.what, to = t.to } })
      end
    end
  end,
}
