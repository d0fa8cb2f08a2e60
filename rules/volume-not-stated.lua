-- volume-not-stated: the plan does not say how many people or cases it covers.  The council:
-- 「年間にどれくらいの件数を想定しているのか」 (議題(1)), and 「個人情報の記録の件数33件とは？」
-- (議題(2)) when the count was ambiguous.  The number sets how much protection is proportionate.
-- The council asked it, so it is a question to answer before the session: low.  A number told
-- in the purpose or description (「約580人」「年間120件」) answers it as well as data.persons.
-- Plans with 個人番号 are asked by volume-my-number-assessment instead.
local MYNUMBER_RE = [[個人番号(?!カード)|マイナンバー(?!カード)|特定個人情報]]
-- a count of people or cases in words: 580人, 約1,200名, 年間120件, 3万人
local COUNT_PROSE = [[[0-9][0-9,]*\s*(?:万|千)?\s*(?:人|名|件|世帯|通|枚)(?!目)]]

return {
  id        = "volume-not-stated",
  topic     = "data.volume",
  severity  = "low",
  title     = { ja = "対象人数・件数が記載されていない",
                en = "The number of people or cases is not stated" },
  message   = { ja = "{data}を扱う計画ですが、対象となる人数や年間の件数の見込みが記載されていません。",
                en = "The plan handles {data_en} but does not state how many people or cases a year it expects." },
  follow_up = { ja = "保有する人数（「{label:data.persons}」欄）と年間の新規件数（「{label:data.annual}」欄）の見込みを示してください。件数は安全管理措置の程度や、委託・提供の範囲を判断する材料になります。",
                en = "State the number of people held (data.persons) and expected new cases a year (data.annual); the numbers decide how much protection is proportionate." },
  precedent = "志木市 令和2年度第3回 議題(1)「年間にどれくらいの件数を想定しているのか」（2023年4月の法施行前の審議）",

  -- needs: check() returns at once unless common.personal_data(plan): data.items or data.subjects
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    if #common.items_of(plan, "my_number", MYNUMBER_RE) > 0 then return end
    local data = common.obj(plan.data)
    if not data then return end
    if common.persons(plan) ~= nil or data.annual ~= nil then return end
    if hogo.is_null(data.persons) then return end   -- stated: not applicable
    if common.find_text(plan, COUNT_PROSE, { purpose = true, description = true, subject = true }) then return end
    local st = common.stakes(plan)
    ctx.report(data, "persons", { vars = { data = st.label_ja, data_en = st.label_en } })
  end,
}
