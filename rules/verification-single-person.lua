-- verification-single-person: one person alone checks a migration or hand-over (属人的な管理).
-- The council: 「担当職員が作業を確認するとなっているが、属人的な管理では不安である。複数の職員での
-- 確認や、特定の職員が確認するなど、セキュリティを強化してはどうか」 and made multiple-staff
-- checking a condition of approval (議題(2)).  verification.staff 0 or 1 → high; when staff is not
-- given but the prose says one person (「担当者1名」「単独で」) → medium.
local ONE_PERSON = [[(?<![0-9])1\s*(名|人)|一人|ひとり|独り|単独|担当(者|職員)(のみ|だけ)|1名のみ]]

return {
  id        = "verification-single-person",
  topic     = "verification.single_person",
  severity  = "high",
  title     = { ja = "受け渡し・移行の確認が一人の職員に任されている",
                en = "A single person checks the migration or hand-over" },
  message   = { ja = "「{what}」（{from}→{to}）の確認を{who}が行う計画で、属人的な管理になっています。",
                en = "\"{what}\" ({from} → {to}) is checked by {who_en}: it rests on one person." },
  follow_up = { ja = "複数の職員で確認する、または確認者を特定した上で作業記録（件数の照合、立会者の記名）を残すなど、一人に依存しない確認体制を示してください。",
                en = "Have it checked by more than one member of staff, or name the checker and keep a record (record counts reconciled, witnesses signed), so it does not rest on one person." },
  precedent = "志木市 令和2年度第3回 議題(2)「属人的な管理では不安である。複数の職員での確認や、特定の職員が確認するなど、セキュリティを強化してはどうか」（結論：複数の職員での確認等をしてほしい）",

  check = function(plan, ctx)
    for _, t in ipairs(common.list(plan.transfers)) do
      local v = common.obj(t.verification)
      if v then
        local staff = common.num(v.staff)
        local vars = { what = t.what or "データ", from = t.from or "?", to = t.to or "?" }
        if staff ~= nil and staff <= 1 then
          vars.who = staff == 0 and "確認者なし（0名）" or "職員1名"
          vars.who_en = staff == 0 and "nobody" or "a single member of staff"
          ctx.report(v, "staff", { vars = vars })
        elseif staff == nil and hogo.test(common.text(v.how), ONE_PERSON) then
          vars.who, vars.who_en = "一人の職員", "one member of staff"
          ctx.report(v, "how", { severity = "medium", vars = vars })
        end
      end
    end
  end,
}
