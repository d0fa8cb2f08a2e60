-- consistency-placeholder-text: text the department has not filled in -- the `hogo init`
-- skeleton's own hints 「（…）例：…」, 〇〇, TBD, xxx (common.answer says "placeholder") -- or,
-- in the fields that carry a core fact, an answer that only defers (「検討中」「未定」「別途協議」),
-- or, in any field, an answer put off to a later step (「委託事業者（選定後に記載）」「後日提出」).
-- Such text answers nothing; the finding quotes it.  Where the field carries a core fact (what
-- the plan is for, whose data and which items, where it is kept, how and between whom it moves,
-- who the contractor is, which platform) the finding is `incomplete` (記載不足): an untouched
-- skeleton is never approved.  low: a question to answer before the session.
-- (outsourcing.responsibility_structure and retention.basis are read by their own rules.)

-- The globals this rule calls for every field, as locals: a global is looked up through the
-- environment at every use; a local is one step.  (Only C functions: a rule's upvalues must be
-- constants for its environment to be reset rather than its file run again per plan.)
local type, ipairs = type, ipairs

-- field -> {core?, deferrals count?}; the field's name for a reader is its label (hogo.label)
local FIELDS = {
  id = { false }, title = { false }, department = { false }, organization = { false },
  purpose = { true, true }, description = { false, true }, basis = { false },
  label = { true }, name = { true }, what = { true, true }, from = { true }, to = { true },
  frequency = { false }, how = { false }, contractor = { true }, scope = { true },
  restriction = { false }, shared_with = { false }, platform = { true }, operator = { true },
  includes = { false }, review = { false }, condition = { false }, provider = { false },
  service = { false }, need = { false },
}

-- The plan's top-level fields and a transfer's, and the labels of a transfer's.
local TOP = { "id", "title", "department", "organization", "purpose", "description" }
local TRANSFER = { "what", "from", "to", "frequency" }
local TRANSFER_LABEL = {}
for _, k in ipairs(TRANSFER) do TRANSFER_LABEL[k] = "transfers[]." .. k end

local function judge(ctx, node, key, field, label_key)
  local v = node[key]
  if type(v) ~= "string" then return end
  local f = FIELDS[field]
  -- an answer put off to later (「選定後に記載」) is not-stated in every field; other deferrals
  -- only where the field is prose the council reads as a whole (purpose, description, what)
  local ok, why, later = common.answer(v)
  if ok or (why ~= "placeholder" and not (why == "deferral" and (f[2] or later))) then return end
  ctx.report(node, key, {
    incomplete = f[1],
    vars = { field = hogo.label(label_key), field_en = hogo.label(label_key, "en"), quote = gov.excerpt(v, 24),
             why = why == "placeholder" and "記入例・記入欄のまま" or "先送りの表現だけ",
             why_en = why == "placeholder" and "still the template's hint" or "only a deferral" },
  })
end

local function each(ctx, xs, key, field, where)
  if type(xs) ~= "table" then return end
  for _, x in ipairs(common.list(xs)) do
    if common.obj(x) then judge(ctx, x, key, field, where) end
  end
end

local function strings(ctx, xs, field, where)
  if type(xs) ~= "table" then return end
  local l = common.list(xs)
  for i = 1, #l do judge(ctx, l, i, field, where) end
end

return {
  id        = "consistency-placeholder-text",
  topic     = "input.consistency",
  severity  = "low",
  title     = { ja = "記入例のまま・未記入の欄がある",
                en = "A field still holds the template's hint or no real answer" },
  message   = { ja = "「{field}」欄が「{quote}」と{why}で、何も記載されていません。",
                en = "{field_en} is \"{quote}\": {why_en}, so it states nothing." },
  follow_up = { ja = "「（…）例：」の記入例を消し、この計画の実際の内容を書いてください。該当しない欄は null にしてください（docs/plan-guide.md）。",
                en = "Replace the hint 「（…）例：」 with what this plan actually does; set a field that does not apply to null (docs/plan-guide.md)." },
  precedent = "志木市 令和2年度第3回 議題(1)〜(6)（審議会は記載された内容について質問している。2023年4月の法施行前の審議）",

  -- needs words: it reports nothing while common.all_answered holds, i.e. unless some string is
  -- a placeholder or a deferral (common.answer): a match of _common.lua's PLACEHOLDER or DEFERRAL
  -- (LATER and the rest), every alternative of which holds one of these (後 for 後日, 今後, 決定後;
  -- ： and ？ fold to : and ?).  Follow those patterns when they change.
  needs = { words = { "後", "次第", "以降", "追って", "別途", "選定", "確定", "予定", "特記", "契約", "適切",
                      "適正", "万全", "検討中", "未定", "調整中", "のとおり", "法令", "記入", "記載してください",
                      "例:", "…", "...", "‥", "?", "〇", "○", "●", "◯", "×", "✕", "tbd", "todo", "xxx" } },

  check = function(plan, ctx)
    -- a plan with no hint and no deferral anywhere (the usual plan) has no field to report, and
    -- is not walked field by field
    if common.all_answered(plan) then return end
    for _, k in ipairs(TOP) do judge(ctx, plan, k, k, k) end
    local c = common.obj(plan.consultation)
    if c then judge(ctx, c, "basis", "basis", "consultation.basis") end
    each(ctx, common.get(plan, "data", "subjects"), "label", "label", "data.subjects[].label")
    each(ctx, common.get(plan, "data", "items"), "name", "name", "data.items[].name")
    each(ctx, plan.storage, "what", "what", "storage[].what")
    each(ctx, plan.storage, "provider", "provider", "storage[].provider")
    each(ctx, plan.storage, "service", "service", "storage[].service")
    each(ctx, common.get(plan, "data", "items"), "need", "need", "data.items[].need")
    for _, t in ipairs(common.list(plan.transfers)) do
      if common.obj(t) then
        for _, k in ipairs(TRANSFER) do judge(ctx, t, k, k, TRANSFER_LABEL[k]) end
        local v = common.obj(t.verification)
        if v then judge(ctx, v, "how", "how", "transfers[].verification.how") end
      end
    end
    for _, o in ipairs(common.outsourcings(plan)) do
      judge(ctx, o, "contractor", "contractor", "outsourcing.contractor")
      strings(ctx, o.scope, "scope", "outsourcing.scope[]")
    end
    local a = common.obj(plan.access)
    if a then
      judge(ctx, a, "restriction", "restriction", "access.restriction")
      strings(ctx, a.shared_with, "shared_with", "access.shared_with[]")
    end
    for _, p in ipairs(common.list(plan.platforms)) do
      if common.obj(p) then
        judge(ctx, p, "name", "platform", "platforms[].name")
        judge(ctx, p, "operator", "operator", "platforms[].operator")
      end
    end
    strings(ctx, common.get(plan, "contract", "includes"), "includes", "contract.includes[]")
    local op = common.obj(plan.operations)
    if op then judge(ctx, op, "review", "review", "operations.review") end
    each(ctx, common.get(plan, "council", "conditions"), "text", "condition", "council.conditions[].text")
  end,
}
