-- followup-conditions-open: a condition the council set at an earlier session is still open
-- (or its status is not stated) when it is due.  The council set such conditions on 18 Feb 2021:
-- 「責任体制の構築について契約に明記し、会議録の送付までに行政管理課へ提出する」(議題(1)),
-- 「次回審議会時には運用面について報告してほしい」(議題(2)).
--   due date passed, status open: high;  status not stated: medium
--   due next_session and this plan is the later session's report (consultation.kind report),
--   status open or not stated: medium
--   no due date at all on an open condition: low (ask when it will be met)
-- Each answer the follow-up asks for silences it: status done; or, still open, a new due date
-- that has not passed (the expected completion); for next_session, status done in the report.

return {
  id        = "followup-conditions-open",
  topic     = "governance.follow_up",
  severity  = "high",
  title     = { ja = "審議会の条件が期限を過ぎても未了",
                en = "Council condition still open after its due date" },
  message   = { ja = "審議会が付した条件「{text}」は、{state}。",
                en = "The council's condition \"{text}\" {state_en}." },
  follow_up = { ja = "条件への対応状況（契約への明記、要綱の制定、運用体制の報告など）を資料で示し、未了であれば理由と完了の見込み時期を報告してください。対応済みであれば「{label:council.conditions.status}」欄を「完了」とし、未了なら完了見込みの日を「{label:council.conditions.due}」欄に記載してください。",
                en = "Show how the condition has been met (contract clause, rules adopted, operating arrangements reported); if it is still open, give the reason and when it will be done. If it is done, set status to done; if not, put the expected date in due." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(1) 結論「責任体制の構築について契約に明記し、会議録の送付までに行政管理課へ提出する」; 議題(2) 結論「次回審議会時には運用面について報告してほしい」",

  -- needs: check() returns at once without plan.council, and reports only on an entry of
  -- council.conditions (its key)
  needs = { stated = { "council" }, words = { "conditions" } },

  check = function(plan, ctx)
    local council = common.obj(plan.council)
    if not council then return end
    local today = gov.today(ctx)
    local is_report = common.has_kind(plan, "report")   -- kind may be an array
    for _, c in ipairs(common.list(council.conditions)) do
      if c.status ~= "done" then
        -- a placeholder left in (「（…）例：」) says nothing of the condition: say so, quoting it
        local t, why = common.answer(c.text)
        local text = t and gov.excerpt(t, 40)
          or (why == "placeholder" and ("（内容未記載：「" .. gov.excerpt(common.text(c.text), 20) .. "」）"))
          or "（内容未記載）"
        local unknown = c.status == nil or hogo.is_null(c.status)
        local open_ja = unknown and "対応状況が記載されていません" or "未了のままです"
        local open_en = unknown and "has no stated status" or "is still open"
        local due = c.due
        if due == "next_session" then
          if is_report then
            ctx.report(c, unknown and "status" or "due", { severity = "medium", vars = { text = text,
              state = "次回の審議会で報告することとされていましたが、" .. open_ja,
              state_en = "was to be reported at the next session, but " .. open_en } })
          end
        elseif type(due) == "string" then
          local d = hogo.date(due)
          if d and today and d < today then
            ctx.report(c, unknown and "status" or "due", { severity = unknown and "medium" or "high", vars = { text = text,
              state = "期限（" .. due .. "）を過ぎていますが、" .. open_ja,
              state_en = "was due on " .. d .. " but " .. open_en } })
          end
        elseif due == nil and not unknown then
          ctx.report(c, "due", { severity = "low", vars = { text = text,
            state = "未了ですが、いつまでに対応するかが記載されていません",
            state_en = "is open and has no due date" } })
        end
      end
    end
  end,
}
