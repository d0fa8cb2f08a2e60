-- verification-single-person: one person alone checks a migration or hand-over (属人的な管理).
-- The council: 「担当職員が作業を確認するとなっているが、属人的な管理では不安である。複数の職員での
-- 確認や、特定の職員が確認するなど、セキュリティを強化してはどうか」 and made multiple-staff
-- checking a condition of approval (議題(2)).  verification.staff 0 or 1 → high; when staff is not
-- given but the prose says one person (「担当者1名」「単独で」) → medium.  Cleared by either
-- alternative the council gave: more than one checker (staff ≥ 2, or how says 複数・2名・ダブル
-- チェック), or one named checker who keeps a record (how: 確認者を特定 + 作業記録・件数の照合);
-- half of the second (a named checker, no record) → medium.  A live read (method api, a card
-- read, a real-time lookup) is not a データ移行: at most low.
local ONE_PERSON = [[(?<![0-9])1\s*(名|人)|一人|ひとり|独り|単独|担当(者|職員)(のみ|だけ)|1名のみ]]

-- The two ways the follow-up (and the council) clear it.  More than one checker: 「複数の職員で
-- 確認」「職員2名」「ダブルチェック」「別の職員が立ち会う」.
local SEVERAL = [[複数|(?<![0-9])[2-9]\s*(名|人)|二人|ふたり|二名|ダブルチェック|二重(の)?(確認|チェック)|相互(に)?確認|(別|他)の職員|読み合わせ]]
-- A named checker (「確認者を特定」「係長を確認者に指定」「確認責任者を定め」) ...
local NAMED = [[(確認者|確認責任者|作業責任者|責任者|確認する職員)(を|に|として)?.{0,8}?(特定|指定|定め|選任|決め)|(特定|指定|選任)(の|した|された)(職員|確認者|者)|を確認者(と|に)|記名|署名|押印]]
-- ... and a record of the work (「作業記録」「件数の照合」「ログ」「チェックリスト」).
local RECORD = [[記録|照合|突合|ログ|チェックリスト|報告書|確認票|台帳に記]]

-- what the check is of: a migration (議題(2)) or a hand-over / live read
local function action(t, plan)
  if situation.migration(t, plan) then return "移行", "migration" end
  return "受け渡し", "hand-over"
end

return {
  id        = "verification-single-person",
  topic     = "verification.single_person",
  severity  = "high",
  title     = { ja = "受け渡し・移行の確認が一人の職員に任されている",
                en = "A single person checks the migration or hand-over" },
  message   = { ja = "「{what}」（{from}→{to}）の{action}の確認を{who}が行う計画で、{gap}",
                en = "The {action_en} of \"{what}\" ({from} → {to}) is checked by {who_en}: {gap_en}" },
  follow_up = { ja = "複数の職員で確認する、または確認者を特定した上で作業記録（件数の照合、立会者の記名）を残すなど、一人に依存しない確認体制を示してください（「{label:transfers.verification.staff}」欄と「{label:transfers.verification.how}」欄）。",
                en = "Have it checked by more than one member of staff, or name the checker and keep a record (record counts reconciled, witnesses signed), so it does not rest on one person (verification.staff and verification.how)." },
  precedent = "志木市 令和2年度第3回 議題(2)「属人的な管理では不安である。複数の職員での確認や、特定の職員が確認するなど、セキュリティを強化してはどうか」（結論：複数の職員での確認等をしてほしい）" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.transfers
  -- needs words: a transfer with a verification object (its key is in the text)
  needs = { stated = { "transfers" }, words = { "verification" } },

  check = function(plan, ctx)
    for _, t in ipairs(common.list(plan.transfers)) do
      local v = common.obj(t.verification)
      if v then
        local staff = common.num(v.staff)
        local answer, why = common.answer(v.how)
        local how = answer or ""
        -- a placeholder or deferral in how is no answer: say so, quoting it
        local unanswered = (why == "placeholder" or why == "deferral") and
          ("「" .. hogo.label("transfers.verification.how") .. "」欄は「" .. gov.excerpt(v.how, 20) .. "」で、記載がありません。") or ""
        local unanswered_en = unanswered ~= "" and " The method (how) is only a placeholder or deferral." or ""
        local act, act_en = action(t, plan)
        local vars = { what = common.answer(t.what) or "データ", from = t.from or "?", to = t.to or "?",
                       action = act, action_en = act_en }
        local several = hogo.test(how, SEVERAL)
        local named, record = hogo.test(how, NAMED), hogo.test(how, RECORD)
        if staff ~= nil and staff <= 1 and not several and not (staff == 1 and named and record) then
          vars.who = staff == 0 and "確認者なし（0名）" or "職員1名"
          vars.who_en = staff == 0 and "nobody" or "a single member of staff"
          local sev = "high"
          if staff == 1 and (named or record) then
            -- half of the second alternative: a named checker without a record, or the reverse
            sev = "medium"
            vars.gap = named and "確認者は特定されていますが、作業記録（件数の照合、立会者の記名）が示されていません。"
                              or "作業記録は残しますが、確認者が特定されていません。"
            vars.gap_en = named and "the checker is named but no record of the work is kept." or "a record is kept but the checker is not named."
          else
            vars.gap = "属人的な管理になっています。" .. unanswered
            vars.gap_en = "it rests on one person." .. unanswered_en
          end
          -- a live read (a card read at the counter, an API) is not the one-off migration the
          -- council spoke of: one clerk per read is the norm; it stays a question
          if situation.live_read(t) then sev = common.sev_min(sev, "low") end
          ctx.report(v, "staff", { severity = sev, vars = vars })
        elseif staff == nil and hogo.test(how, ONE_PERSON) and not several and not (named and record) then
          vars.who, vars.who_en = "一人の職員", "one member of staff"
          vars.gap, vars.gap_en = "属人的な管理になっています。", "it rests on one person."
          ctx.report(v, "how", { severity = "medium", vars = vars })
        end
      end
    end
  end,
}
