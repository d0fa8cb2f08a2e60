-- access-shared-widely: 要配慮 or victims' data is shared with many units or agencies, or with
-- vague ones (関係機関, 庁内関係課, 全庁).  The council: 「様々な情報を取得し、庁内で共有する
-- ようだが」「子ども支援課以外の課については、どうするのか」(議題(2)).
--   sensitive + (vague or 3+ recipients): medium
--   ordinary data with 5+ recipients: low

-- Roles inside one body (学年主任・養護教諭・SC・校長教頭: common.is_role) are not "places": with
-- sensitive data and three or more roles it asks, at low, what each role may see and why.
-- Quiet once every recipient is named and the plan says on what basis (a law, 要綱, 協定, consent)
-- and what each may see (必要な項目に限る): the follow-up's two answers.

local VAGUE = [[関係機関|関係課|関係各課|関係部署|関係所属|庁内各課|各課|全庁|全職員|関係者|関係団体|等$]]
local BASIS = [[[^\s、。「」（）]{1,14}法(?:第[0-9一二三四五六七八九十]+条|に基づ|による|の規定)|要綱|要領|協定|協議会|覚書|同意|条例]]
local SCOPE = [[項目|範囲|必要な(?:情報|もの|限度)|に限(?:る|り|定)|のみ(?:を)?(?:共有|提供|閲覧)]]

local function basis_and_scope(plan)
  local basis, scope = false, false
  for _, f in ipairs(gov.prose(plan)) do
    if common.answer(f.text) and hogo.test(f.text, [[共有|提供|閲覧|連携]]) then
      basis = basis or hogo.test(f.text, BASIS)
      scope = scope or hogo.test(f.text, SCOPE)
    end
  end
  return basis and scope
end

-- what each may see, stated in access.restriction or the prose (for roles inside one body)
local function scope_stated(plan)
  local r = common.answer(common.get(plan, "access", "restriction"))
  if r and hogo.test(r, SCOPE) then return true end
  for _, f in ipairs(gov.prose(plan)) do
    if common.answer(f.text) and hogo.test(f.text, [[閲覧|見る|参照]]) and hogo.test(f.text, SCOPE) then return true end
  end
  return false
end

return {
  id        = "access-shared-widely",
  topic     = "access.control",
  severity  = "medium",
  title     = { ja = "共有先が広い・特定されていない",
                en = "Data shared widely or with unnamed recipients" },
  message   = { ja = "{data}を{count}か所（{list}）と共有する計画です。{why}",
                en = "The plan shares {data_en} with {count} recipients ({list}). {why_en}" },
  follow_up = { ja = "共有先の課・機関を「{label:access.shared_with}」欄に具体的に挙げ、それぞれが見られる項目と根拠（法令・要綱）を示し、共有先にも同じ取扱いを求める方法を説明してください。",
                en = "Name each unit or agency, the items each may see and the legal basis, and how the same handling is required of them." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(2)「様々な情報を取得し、庁内で共有するようだが」「子ども支援課以外の課については、どうするのか」",

  -- needs: check() returns at once without plan.access
  -- needs words: a non-empty access.shared_with (its key is in the text)
  needs = { stated = { "access" }, words = { "shared_with" } },

  check = function(plan, ctx)
    local a = common.obj(plan.access)
    if not a then return end
    local list = common.list(a.shared_with)
    if #list == 0 then return end
    local vague = {}
    for _, w in ipairs(list) do
      -- a vague name, or the skeleton's placeholder (「（共有先…）例：」): nobody is named
      if type(w) == "string" and (hogo.test(common.text(w), VAGUE) or not common.answer(w)) then
        vague[#vague + 1] = gov.excerpt(common.text(w), 20)
      end
    end
    local lv, st = gov.level(plan)
    -- every recipient a role within the body (学年主任, 養護教諭, SC, 校長・教頭): who inside may
    -- see it, not sharing with other bodies -- asked as such, for sensitive data only
    local roles = #vague == 0
    for _, w in ipairs(list) do roles = roles and type(w) == "string" and common.is_role(w) end
    if roles then
      -- staff of the body need no legal basis to see its records: what each sees is the answer
      if lv < 2 or #list < 3 or scope_stated(plan) then return end
      ctx.report(a, "shared_with", { severity = "low", vars = {
        data = st.label_ja, data_en = st.label_en, count = #list, list = common.join(list, "、") },
        message = { ja = "{data}を、{list}の{count}つの役職の職員が閲覧する計画です。",
                    en = "Staff in {count} roles ({list}) are to see {data_en}." },
        follow_up = { ja = "役職ごとに見られる項目と、その役職が見る必要（例：養護教諭は体調の記録のみ）を示し、閲覧の記録を残すかを示してください（「{label:access.restriction}」）。",
                      en = "Say which items each role may see and why it needs them (e.g. the school nurse sees only the health entries), and whether access is logged (\"{label:access.restriction}\")." } })
      return
    end
    local sev
    if lv >= 2 and (#vague > 0 or #list >= 3) then sev = "medium"
    elseif #vague > 0 and #vague == #list and not common.answer(list[1]) then sev = "low"   -- only placeholders
    elseif #list >= 5 then sev = "low"
    else return end
    if #vague == 0 and basis_and_scope(plan) then return end
    local why, why_en = "", ""
    if #vague > 0 then
      why = "「" .. table.concat(vague, "」「") .. "」では、誰が見られるのかが特定できません。"
      why_en = "Recipients such as \"" .. table.concat(vague, "\", \"") .. "\" do not say who can see it."
    end
    ctx.report(a, "shared_with", { severity = sev, vars = {
      data = st.label_ja, data_en = st.label_en, count = #list,
      list = common.join(list, "、"), why = why, why_en = why_en } })
  end,
}
