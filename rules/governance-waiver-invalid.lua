-- governance-waiver-invalid: an accepted risk (waivers[]) that no longer holds is itself a
-- finding: it has expired, gives no reason, names no rule or a rule that does not exist, or
-- says nobody approved it.  A waiver silences a finding; the council must be able to see why
-- and until when.
--   expired: medium;  no reason: medium;  unknown / missing rule: low;
--   no approver: low;  no expiry date: low (a question: until when?)
-- A reason or approver that is the skeleton's placeholder (「（…）例：」) or only defers
-- (「別途協議」) is not stated (common.answer), and the finding quotes it.

return {
  id        = "governance-waiver-invalid",
  topic     = "governance.follow_up",
  severity  = "medium",
  title     = { ja = "無効な例外承認（waiver）",
                en = "Invalid waiver" },
  message   = { ja = "例外承認（対象: {rule}）は{problem}。",
                en = "The waiver for {rule} {problem_en}." },
  follow_up = { ja = "例外として受け入れる理由、承認者（審議会の回次など）、期限を記載し、期限を過ぎたものは改めて審議会の判断を得てください。存在しない規則を指すものは規則IDを改めてください。",
                en = "Give the reason, who approved it (which council session) and an expiry date; take expired waivers back to the council; correct waivers that name a rule that does not exist." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(1) 結論（条件を付した承認）; 個人情報保護法 第66条（安全管理措置の継続的な見直し）",

  -- needs: check() reads only plan.waivers
  needs = { stated = { "waivers" } },

  check = function(plan, ctx)
    -- 「記載されていません」, or what stands there instead of an answer, quoted
    local function said(v)
      if gov.blank(v) then return "記載されていません" end
      return "「" .. gov.excerpt(common.text(v), 20) .. "」とあるだけで記載されていません"
    end
    local today = gov.today(ctx)
    for _, w in ipairs(common.list(plan.waivers)) do
      -- a rule id is a word of [a-z0-9.-]: the skeleton's 「（…）」 text is no rule id at all
      local rule = common.answer(w.rule)
      if rule and not hogo.test(rule, [[^[A-Za-z0-9._-]+$]]) then rule = nil end
      local name = rule or "（規則未記載）"
      local function rep(key, sev, ja, en)
        ctx.report(w, key, { severity = sev, vars = { rule = name, problem = ja, problem_en = en } })
      end
      if not rule then
        rep("rule", "low", "対象の規則が" .. said(w.rule), "names no rule")
      elseif not hogo.rule_exists(rule) then
        local near = hogo.suggest_rule(rule)
        rep("rule", "low", "存在しない規則（" .. rule .. "）を指しています" .. (near and ("（もしかして " .. near .. "？）") or ""),
            "names a rule that does not exist" .. (near and (" (did you mean " .. near .. "?)") or ""))
      end
      if not common.answer(w.reason) then
        rep("reason", "medium", "受け入れる理由が" .. said(w.reason), "gives no reason")
      end
      if not common.answer(w.approved_by) then
        rep("approved_by", "low", "承認者が" .. said(w.approved_by), "does not say who approved it")
      end
      if type(w.expires) == "string" then
        local d = hogo.date(w.expires)
        if d and today and d < today then
          rep("expires", "medium", "期限（" .. w.expires .. "）を過ぎています", "expired on " .. d)
        end
      elseif w.expires == nil or hogo.is_null(w.expires) then
        rep("expires", "low", "期限が定められていません", "has no expiry date")
      end
    end
  end,
}
