-- access-not-stated: electronic records of children, 要配慮 data or victims are kept, but the plan
-- says nothing about who may see them: no access section, or one whose only text defers
-- (「適切に管理する」) or is the skeleton's hint, with nothing structured (staff, logging,
-- authentication, shared_with) beside it -- quoted back.  The council asked who sees what in
-- 議題(2) (庁内で共有) and heard the answer in 議題(6) (教員以外は他者の提出物を閲覧できない).
-- medium (a likely condition: access limited to named staff, with a log): the access rules would
-- ask as much of a plan that states its access (access-authentication, access-logging are medium
-- for such data), so leaving access out never does better than stating it.  `"access": null` on
-- electronic personal data is consistency-null-contradicted's.

local function electronic(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if common.obj(s) and (s.medium == "electronic" or s.location == "cloud" or s.location == "lgwan_asp"
        or s.location == "gov_cloud" or (common.stated(s.network) and s.network ~= "none")) then
      return true
    end
  end
  return false
end

-- an access section that states something: a structured field, or a restriction that answers
local function says_something(a)
  if a.staff ~= nil or a.logging ~= nil or a.authentication ~= nil then return true end
  if #common.list(a.shared_with) > 0 then return true end
  return common.answer(a.restriction) ~= nil
end

return {
  id        = "access-not-stated",
  topic     = "access.control",
  severity  = "medium",
  title     = { ja = "アクセスできる者が示されていない",
                en = "Who may access the data is not stated" },
  message   = { ja = "{data}を電子的に保管しますが、閲覧・操作できる職員の範囲やアクセス制限が記載されていません。",
                en = "The plan keeps {data_en} electronically but does not say who may see or change it, or how access is restricted." },
  follow_up = { ja = "取り扱う職員の範囲（人数・所属）、認証方式、アクセスログの取得、共有先を「{label:access}」欄に記載してください。",
                en = "State who handles it (number, units), how users authenticate, whether access is logged, and who it is shared with (access)." },
  precedent = "志木市 令和2年度第3回 議題(2)「様々な情報を取得し、庁内で共有するようだが」、議題(6)「教員以外は他者の提出物を閲覧する事はできない」（2023年4月の法施行前の審議）; 個人情報の保護に関する法律 第66条（安全管理措置）; 地方公共団体における情報セキュリティポリシーに関するガイドライン（アクセス制御）",

  -- needs: check() returns before it reports unless some storage entry is electronic (electronic())
  needs = { stated = { "storage" } },

  check = function(plan, ctx)
    if hogo.is_null(plan.access) then return end     -- consistency-null-contradicted asks
    local a = common.obj(plan.access)
    if a and says_something(a) then return end
    local lv, st = gov.level(plan)
    if lv < 1 or not electronic(plan) then return end
    local sev = "medium"
    local vars = { data = st.label_ja, data_en = st.label_en }
    if not a then
      ctx.report(plan, "access", { severity = sev, vars = vars })
      return
    end
    vars.quote = gov.excerpt(a.restriction, 24)
    ctx.report(a, a.restriction ~= nil and "restriction" or nil, { severity = sev, vars = vars,
      message = a.restriction ~= nil and {
        ja = "{data}を電子的に保管しますが、アクセス制限は「{quote}」とだけあり、閲覧・操作できる職員の範囲が記載されていません。",
        en = "The plan keeps {data_en} electronically, but access is described only as \"{quote}\", which does not say who may see or change it." } or nil })
  end,
}
