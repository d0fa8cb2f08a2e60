-- transfer-not-stated: how data moves is not stated: a transfer without a method, or a plan that
-- hands data to a contractor with no transfer listed at all.  The council asked how the HPV
-- data would reach the contractor: 「受託者に未受診者の資料を送付する場合には、データベースを渡すのか」
-- → 「原則LGWAN回線を利用」.  A question, so low.
local PROSE_METHOD = [[LGWAN|専用線|USB|メール|e-?mail|手渡し|持参|郵送|宅配|書留|アップロード|API|オンライン]]

return {
  id        = "transfer-not-stated",
  topic     = "transfer.method",
  severity  = "low",
  title     = { ja = "受け渡しの方法が記載されていない",
                en = "How the data is moved is not stated" },
  message   = { ja = "「{what}」（{from}→{to}）の受け渡し方法が記載されていません。",
                en = "How \"{what}\" ({from} → {to}) is moved is not stated." },
  follow_up = { ja = "受け渡しの方法（LGWAN、専用線、暗号化USB、手渡し等）、暗号化の有無、受け渡しを確認する者を示してください。",
                en = "State the method (LGWAN, dedicated line, encrypted USB, hand-over...), whether it is encrypted, and who checks the hand-over." },
  precedent = "志木市 令和2年度第3回 議題(3)「受託者に未受診者の資料を送付する場合には、データベースを渡すのか」「原則LGWAN回線を利用し、データの送付を考えている」",

  check = function(plan, ctx)
    if plan.transfers == nil then
      -- data is handed to a contractor, but no transfer is described
      -- (a system lease or build contract need not move data: ask when the work itself is
      -- outsourced or provided outside, or the contractor keeps data at its site)
      local o = common.outsourced(plan)
      local kind = common.get(plan, "consultation", "kind")
      local moves = kind == "outsourcing" or kind == "external_provision"
      for _, s in ipairs(common.list(plan.storage)) do
        if s.location == "contractor" then moves = true end
      end
      if o and moves and common.personal_data(plan) then
        ctx.report(plan, "transfers", { vars = { what = "個人情報", from = "市", to = o.contractor or "受託者" },
          message = { ja = "個人情報を扱う業務を委託しますが、市と受託者（{to}）の間でデータをどう受け渡すかが記載されていません。",
                      en = "Work on personal data is outsourced, but how data moves between the city and the contractor ({to}) is not stated." } })
      end
      return
    end
    for _, t in ipairs(common.list(plan.transfers)) do
      if common.obj(t) and t.method == nil then
        local prose = common.text(t.what) .. " " .. common.text(common.get(t, "verification", "how"))
        if not hogo.test(prose, PROSE_METHOD, "i") then
          ctx.report(t, "method", { vars = { what = t.what or "データ", from = t.from or "?", to = t.to or "?" } })
        end
      end
    end
  end,
}
