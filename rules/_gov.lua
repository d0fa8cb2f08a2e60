-- rules/_gov.lua -- helpers for the governance / outsourcing / operations rules (global `gov`).
--
-- Builds on `common` (rules/_common.lua) for plan access; adds what those rules need on top:
--   * reading a free-text CLAIM with its polarity: 「クラウドに保存する」 (claimed),
--     「クラウドは利用しない」 (denied), 「クラウドにするのであれば」 (hypothetical: neither);
--   * the plan-level prose a department writes (title, purpose, description, scope…), and the
--     pack's two readers of it, which `situation` and `tech` hand out under the same names:
--       gov.says(plan, re)      the first prose field that CLAIMS re (polarity read)
--       gov.mentions(plan, re)  the first text field that matches re at all (any polarity)
--     both skipping a field that still holds the skeleton's placeholder (common.placeholder);
--   * small "what is at stake" summaries used to scale severities.
-- Patterns are PCRE2 (hogo.test) in Lua long strings.

local common = import("common")

-- The globals this library calls, as locals: a global is looked up through the environment's
-- read-only base at every use; a local is one step.
local hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall =
      hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall

local M = {}

-- Characters that end a clause: the negation of a claim must sit in the same clause.
-- (hogo.normalize folds ，．！？； to ASCII; 、。 stay as they are.)
local CLAUSE = [[^\n。、,.;!?「」]]

-- Between the keyword and its negation: at most 14 characters of the same clause, and no
-- conjunction that starts a new predicate (「クラウドに保存し、外部には公開しない」,
-- 「…保存して…しない」, 「…ため」「…ので」).  し followed by な/ま is the negation itself.
local GAP = [[(?:(?!し(?![なまさ])|て(?!は)|ため|ので|けど|つつ)[]] .. CLAUSE .. [[]){0,14}?]]

-- Negations: 「しない」「せず」「しません」「ではなく」「以外」「禁止」「不可」「なし」…
local NEG = [[(?:ない|なく|ず(?![つ])|ません|禁止|不可|以外|なし|無し|不使用|不要|させない)]]

-- Hypothetical or undecided: 「クラウドにするのであれば」「再委託する場合は」「…を検討」.
local HYP = [[(?:であれば|のであれば|場合|なら|とき|時は|際は|際には|検討|予定はな|可能性)]]

-- gov.claim(text, kw): how the normalized `text` speaks of the PCRE2 alternative `kw`:
--   "claimed"       some mention is neither negated nor hypothetical
--   "denied"        every mention is negated (and at least one is not hypothetical)
--   "hypothetical"  every mention is conditional / undecided
--   nil             no mention at all
-- A prefix 非/脱 (非クラウド, 脱LGWAN) counts as a negation.
-- The three patterns of a keyword, built once (long strings: building them cost as much as a
-- search).
local claim_patterns = common.memo(1024, function(kw)
  local k = "(?:" .. kw .. ")"
  return {
    k = k,
    -- a mention followed neither by a negation nor by a hypothetical in its clause
    plain = [[(?<!非|脱)]] .. k .. "(?!" .. GAP .. "(?:" .. NEG .. "|" .. HYP .. "))",
    denied = "(?:(?:非|脱)" .. k .. "|" .. k .. "(?!" .. GAP .. HYP .. ")" .. GAP .. NEG .. ")",
  }
end)

function M.claim(text, kw)
  if type(text) ~= "string" or text == "" then return nil end
  local t = common.text(text)
  local re = claim_patterns(kw)
  if not hogo.test(t, re.k, "i") then return nil end
  if hogo.test(t, re.plain, "i") then return "claimed" end
  if hogo.test(t, re.denied, "i") then return "denied" end
  return "hypothetical"
end

-- The prose fields where a department states what it will do: the format's prose fields
-- marked as claims (hogo.prose_fields; docs/plan.schema.json's x-hogo "prose" without
-- "claims": false): title, purpose, description, storage[].what, transfers[].what and
-- .verification.how, outsourcing.scope[], access.restriction, contract.includes[],
-- operations.review -- not a subject's label or an item's name, which only name a thing.
local PROSE = {}
do
  local function mark(level)
    for _, f in ipairs(level) do
      if f.children then mark(f.children) elseif f.claims then PROSE[f.field] = true end
    end
  end
  mark(hogo.prose_fields)
end

-- Worked out once per plan (this library is shared by every rule): the prose fields, and
-- their texts joined by a byte that is never valid UTF-8.  hogo.test treats such a byte as
-- matching nothing -- not even [^X], and a look-behind stops at it -- so a keyword is found
-- in the joined text exactly when it is found in one of the fields, as long as the keyword
-- is not anchored (^ $ \A \z \Z \G) to the start or end of the text.
local SEP = "\xFF"

-- (Its own cache, not common's per_plan: find_claim asks for it with every keyword, and the
-- record itself needs no freezing -- its list is frozen and its text is a string.)
local prose_cache = setmetatable({}, { __mode = "k" })
local function prose_of(plan)
  local hit = prose_cache[plan]
  if hit then return hit end
  local list, texts = {}, {}
  for _, f in ipairs(common.text_fields(plan)) do
    if PROSE[f.field] then list[#list + 1] = f; texts[#texts + 1] = f.text end
  end
  hit = { list = hogo.freeze(list, true), joined = table.concat(texts, SEP) }
  prose_cache[plan] = hit
  return hit
end

-- gov.prose(plan): array of {node, key, text, field} for the prose fields above (a new array
-- at each call, of read-only entries).  Done in C with gov.says (hogo.prose_reader, below);
-- gov.prose_lua is the reference.
function M.prose_lua(plan)
  local out = {}
  for i, f in ipairs(prose_of(plan).list) do out[i] = f end
  return out
end

-- Whether the one search of the joined prose could miss what a field-by-field search finds:
-- a keyword anchored to the start or end of a text (see prose_of; a literal ^ or $ counts too,
-- it costs only the shortcut), or one with a backtracking verb such as (*COMMIT), which can end
-- the whole search in an earlier field.  Such keywords go field by field.
local anchored_kw = common.memo(1024, function(kw)
  return kw:find("$", 1, true) ~= nil or kw:find("(*", 1, true) ~= nil or hogo.test(kw, [[\\[AzZG]|(?<!\[)\^]])
end)
local function anchored(kw)
  if type(kw) ~= "string" then return true end   -- (claim() says what is wrong with it)
  return anchored_kw(kw)
end

-- gov.says(plan, kw [, want]): the first prose field whose claim about kw is `want` (default
-- "claimed"; gov.claim: negations and conditionals are not claims), skipping fields that still
-- hold the skeleton's placeholder (common.placeholder); nil when none.  Returns the field entry
-- {node, key, text, field}.  (Most plans never mention most keywords: one search of all the
-- prose settles that.)  gov.find_claim is the same function, under its older name.
function M.says_lua(plan, kw, want)
  want = want or "claimed"
  local p = prose_of(plan)
  if not anchored(kw) and not hogo.test(p.joined, claim_patterns(kw).k, "i") then return nil end
  for _, f in ipairs(p.list) do
    if not common.placeholder(f.text) and M.claim(f.text, kw) == want then return f end
  end
  return nil
end

-- gov.mentions(plan, re): the first prose field (as gov.says reads: not item names or subject
-- labels, which are labels, not statements) whose text matches re at all (case-insensitive),
-- whatever its polarity, skipping fields that still hold the skeleton's placeholder; nil when
-- none.  For safeguards and answers, which are often worded as negations: 「再委託は禁止」
-- 「学習には利用しない」.
function M.mentions_lua(plan, re)
  local p = prose_of(plan)
  if not anchored(re) and not hogo.test(p.joined, re, "i") then return nil end
  for _, f in ipairs(p.list) do
    if hogo.test(f.text, re, "i") and not common.placeholder(f.text) then return f end
  end
  return nil
end

-- gov.says and gov.mentions themselves are says_lua and mentions_lua done in C (hogo.prose_reader:
-- the same fields, patterns and placeholders, handed over from here; the prose record worked out
-- once per plan); says_lua and mentions_lua stay the reference, and the prose ctest compares the
-- two on every fixture and 500 generated plans.  gov.find_claim is gov.says, under its older name.
if hogo.prose_reader then
  M.says, M.mentions, M.prose = hogo.prose_reader({
    text_fields = common.text_fields, placeholder = common.placeholder, fields = PROSE,
    patterns = claim_patterns, anchored = anchored, says_lua = M.says_lua, mentions_lua = M.mentions_lua,
    prose_lua = M.prose_lua,
  })
else
  -- Each answer walks every prose field and rules ask once per list entry: kept per plan and
  -- question (common.per_question; the C readers keep theirs themselves), so a plan of n
  -- entries does not cost n x n.
  M.says, M.mentions, M.prose = M.says_lua, M.mentions_lua, M.prose_lua
  M.says, M.mentions = common.per_question(M.says, nil, true), common.per_question(M.mentions, nil, true)
end
M.find_claim = M.says

-- gov.sentence(text, kw): the sentence of the (normalized) text that mentions kw first — what to
-- quote back to the department — or the text itself when no sentence can be cut out.
function M.sentence(text, kw)
  if type(text) ~= "string" then return "" end
  local t = common.text(text)
  return hogo.match(t, "[^。\\n]{0,60}(?:" .. kw .. ")[^。\\n]{0,40}", "i") or t
end

-- gov.quote(f, kw, n): an excerpt of field entry f (from gov.find_claim) around the mention of kw.
function M.quote(f, kw, n)
  return M.excerpt(M.sentence(f.text, kw), n or 40)
end

-- gov.excerpt(text, n): the first n characters (UTF-8) of text, with … when cut.
function M.excerpt(text, n)
  if type(text) ~= "string" then return "" end
  n = n or 40
  local ok, len = pcall(utf8.len, text)
  if not ok or not len or len <= n then return text end
  local cut = utf8.offset(text, n + 1)
  return text:sub(1, cut - 1) .. "…"
end

-- gov.blank(v): true when v is absent, null, or a string with nothing but spaces.
function M.blank(v)
  if v == nil or hogo.is_null(v) then return true end
  if type(v) == "string" then return not hogo.test(common.text(v), [[\S]]) end
  return false
end

-- gov.exposure(plan): true (and a reason ja/en) when data leaves the closed network: any storage
-- in the cloud or on the internet, a third-party platform, or a transfer through an app / upload.
function M.exposure(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if s.location == "cloud" then return true, "クラウド", "the cloud" end
    if s.network == "internet" then return true, "インターネット", "the internet" end
  end
  if #common.list(plan.platforms) > 0 then return true, "外部プラットフォーム", "a third-party platform" end
  for _, t in ipairs(common.list(plan.transfers)) do
    if t.method == "third_party_app" or t.method == "web_upload" then
      return true, "インターネット経由の受け渡し", "hand-overs over the internet"
    end
  end
  return false
end

-- gov.kind(plan): consultation.kind, the first one when the plan gives several (common.kinds
-- gives them all), or nil.
function M.kind(plan)
  local k = common.get(plan, "consultation", "kind")
  if type(k) == "table" then k = common.list(k)[1] end
  return type(k) == "string" and k or nil
end

-- gov.level(plan): 0 ordinary personal data, 1 children's data, 2 要配慮 / sensitive data,
-- 3 victims, or sensitive data about children.  Plus common.stakes(plan) for labels.
-- (Worked out once per plan, as common.stakes is: many rules ask.  The level is a number and
-- the stakes common.stakes's frozen record, kept by the plan in weak tables.)
local level_kept = setmetatable({}, { __mode = "k" })
local stakes_kept = setmetatable({}, { __mode = "k" })
function M.level(plan)
  local lv = level_kept[plan]
  if lv then return lv, stakes_kept[plan] end
  local st = common.stakes(plan)
  lv = 0
  if st.children then lv = 1 end
  if st.sensitive then lv = 2 end
  if st.victims or (st.sensitive and st.children) then lv = 3 end
  if type(plan) == "table" then level_kept[plan], stakes_kept[plan] = lv, st end
  return lv, st
end

-- gov.today(ctx): ctx.today as YYYY-MM-DD (nil if the engine gave none).
function M.today(ctx)
  return ctx and ctx.today and hogo.date(ctx.today) or (ctx and ctx.today) or nil
end

-- gov.device_label(d): {ja=, en=} naming the devices of plan.devices, e.g. 「タブレット端末（8,000台）」.
local DEVICE_JA = { tablet = "タブレット端末", pc = "パソコン", smartphone = "スマートフォン" }
local DEVICE_EN = { tablet = "The tablets", pc = "The PCs", smartphone = "The smartphones" }
function M.device_label(d)
  local ja = DEVICE_JA[d.kind] or "端末"
  local en = DEVICE_EN[d.kind] or "The devices"
  if type(d.count) == "number" then
    ja = ja .. "（" .. tostring(math.tointeger(d.count) or d.count) .. "台）"
    en = en .. " (" .. tostring(math.tointeger(d.count) or d.count) .. ")"
  end
  return { ja = ja, en = en }
end

return M
