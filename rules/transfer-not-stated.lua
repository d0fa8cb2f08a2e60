-- transfer-not-stated: how data moves is not stated: a transfer without a method (and no method
-- in its prose), or a plan whose data evidently moves (work outsourced to a named contractor,
-- data kept at the contractor's site, provision to others, a hand-over told in the prose) with
-- no transfer listed, or an empty list.  How it moves is a core fact: `incomplete` (記載不足).
-- The council asked how the HPV data would reach the contractor: 「受託者に未受診者の資料を送付
-- する場合には、データベースを渡すのか」→「原則LGWAN回線を利用」.  low: a question to answer
-- before the session.  `"transfers": null` on such a plan is consistency-null-contradicted's.
local PROSE_METHOD = [[LGWAN|専用線|閉域|USB|メール|e-?mail|手渡し|持参|郵送|宅配|書留|アップロード|API|オンライン|無害化|ファイル転送|RPA]]

return {
  id        = "transfer-not-stated",
  topic     = "transfer.method",
  severity  = "low",
  title     = { ja = "受け渡しの方法が記載されていない",
                en = "How the data is moved is not stated" },
  message   = { ja = "「{what}」（{from}→{to}）の受け渡し方法が記載されていません（記載不足）。",
                en = "How \"{what}\" ({from} → {to}) is moved is not stated (incomplete)." },
  follow_up = { ja = "受け渡しの方法（「{label:transfers.method}」欄：LGWAN、専用線、無害化、暗号化USB、手渡し等）、暗号化の有無、受け渡しを確認する者を示してください。",
                en = "State the method (transfers[].method: LGWAN, dedicated line, sanitization, encrypted USB, hand-over...), whether it is encrypted, and who checks the hand-over." },
  precedent = "志木市 令和2年度第3回 議題(3)「受託者に未受診者の資料を送付する場合には、データベースを渡すのか」「原則LGWAN回線を利用し、データの送付を考えている」（2023年4月の法施行前の審議）",

  check = function(plan, ctx)
    if hogo.is_null(plan.transfers) then return end             -- consistency-null-contradicted
    local list = common.list(plan.transfers)
    if plan.transfers == nil or #list == 0 then
      local moves, why = common.moves(plan)
      if not moves then return end
      local o = common.outsourced(plan)
      local to = o and type(o.contractor) == "string" and o.contractor or "受託者・提供先"
      ctx.report(plan, "transfers", { incomplete = true,
        vars = common.with_body(plan, { why = why, to = to }),
        message = { ja = "{why}が、{body}と相手方（{to}）の間でデータをどう受け渡すか（「{label:transfers}」欄）が記載されていません（記載不足）。",
                    en = "Personal data moves between {body_en} and another party ({to}), but how it moves (transfers) is not stated (incomplete)." } })
      return
    end
    for _, t in ipairs(list) do
      -- who hands it over and who receives it are how it moves too: a transfer that leaves one
      -- out says less than the plan means (it could be the contractor, a resident, a system)
      if common.obj(t) and common.personal_data(plan) then
        for _, k in ipairs({ "to", "from" }) do
          if not common.answer(t[k]) then
            ctx.report(t, k, { incomplete = true, vars = { what = t.what or "データ", from = t.from or "?", to = t.to or "?" },
              message = { ja = k == "to" and "「{what}」を受け取る者（「{label:transfers.to}」欄）が記載されていません（記載不足）。" or "「{what}」を渡す者（「{label:transfers.from}」欄）が記載されていません（記載不足）。",
                          en = k == "to" and "Who receives \"{what}\" (to) is not stated (incomplete)." or "Who hands over \"{what}\" (from) is not stated (incomplete)." } })
            break
          end
        end
      end
      if common.obj(t) and (t.method == nil or hogo.is_null(t.method)) then
        local prose = common.text(t.what) .. " " .. common.text(common.get(t, "verification", "how"))
        if not hogo.test(prose, PROSE_METHOD, "i") then
          ctx.report(t, "method", { incomplete = common.personal_data(plan),
            vars = { what = t.what or "データ", from = t.from or "?", to = t.to or "?" } })
        end
      end
    end
  end,
}
