-- data-items-not-stated: the plan keeps, moves, hands to a contractor or destroys personal data
-- (its storage, transfers, outsourcing, retention, disposal, platforms or access say so, or its
-- prose speaks of 個人情報), but lists no item of it: data absent or null, data.items absent, null
-- or empty.  What is collected is the first thing a council reads (記録項目): without it no
-- question of necessity, sensitivity or volume can be asked, and leaving the list out must never
-- do better than writing it (docs/scoring.md, the omission property).  low, incomplete.
-- The council asked what exactly was handed over: 「委託するのは、受診結果のみか」 (議題(3)).
-- the parts of a plan that tell of personal data being kept, moved or handled, and their names
local LISTS = { { "storage", "保存場所", "storage" }, { "transfers", "受け渡し", "transfers" },
                { "disposal", "廃棄", "disposal" }, { "platforms", "外部プラットフォーム", "platforms" } }
local OBJECTS = { { "retention", "保存期間", "retention" }, { "access", "アクセス権限", "access" } }
local PERSONAL = [[個人情報|個人データ|氏名|住所|生年月日|連絡先|電話番号|メールアドレス|名簿|台帳|相談記録|健診|検診|予防接種|受診]]

-- why the plan is about personal data: {ja, en}, or nil
local function handles_personal_data(plan)
  for _, s in ipairs(LISTS) do
    if #common.list(plan[s[1]]) > 0 then return s[2], s[3] end
  end
  if #common.outsourcings(plan) > 0 then return "委託", "outsourcing" end
  for _, s in ipairs(OBJECTS) do
    if common.obj(plan[s[1]]) then return s[2], s[3] end
  end
  local f = situation.says(plan, PERSONAL)
  if f then return "本文", "text" end
  return nil
end

return {
  id        = "data-items-not-stated",
  topic     = "data.minimization",
  severity  = "low",
  title     = { ja = "扱う個人情報の項目が記載されていない",
                en = "The items of personal data are not listed" },
  message   = { ja = "個人情報を扱う計画ですが（{why}）、扱う項目（「{label:data.items}」欄）が記載されていません（記載不足）。",
                en = "The plan handles personal data ({why_en}), but does not list its items (data.items) (incomplete)." },
  follow_up = { ja = "扱う個人情報を1項目ずつ（氏名、住所、検査結果…）「{label:data.items}」欄に記載し、要配慮個人情報には「{label:data.items.sensitive}」欄を「はい」（true）とし、必要性（「{label:data.items.need}」欄）を示してください。",
                en = "List each item of personal data (name, address, test results...) in data.items, marking special-care items sensitive: true with why they are needed (need)." },
  precedent = "志木市 令和2年度第3回 議題(3)「委託するのは、受診結果のみか」" .. situation.PRE_ACT .. "; 個人情報の保護に関する法律 第61条（保有の制限）",

  check = function(plan, ctx)
    local items = common.get(plan, "data", "items")
    if common.obj(items) and items[1] ~= nil then
      -- an item listed without its name is an item not stated
      for _, it in ipairs(common.items(plan)) do
        if common.obj(it) and not common.answer(it.name) then
          ctx.report(it, "name", { incomplete = true,
            message = { ja = "項目の名称（「{label:data.items.name}」欄）が記載されていない項目があります（記載不足）。",
                        en = "An item is listed without its name (data.items[].name) (incomplete)." } })
          return
        end
      end
      return
    end
    local why, why_en = handles_personal_data(plan)
    if not why then return end
    local node, key = plan, "data"
    if common.obj(plan.data) then node, key = plan.data, "items" end
    ctx.report(node, key, { incomplete = true, vars = {
      why = why .. "の記載があります", why_en = "its " .. why_en .. " says so" } })
  end,
}
