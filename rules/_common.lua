-- rules/_common.lua -- helpers shared by the rule pack (every rule sees this table as `common`;
-- a library gets it with `local common = import("common")`).  It builds on nothing but `hogo`.
--
-- Stability: other rules (including ones not written by the author of this file) call these
-- functions.  Add new functions freely; do not rename a function or change what it returns.
-- Every function is documented in the comment just above it.
--
-- Conventions
--   * "absent" (nil) = not stated, hogo.null = stated as not applicable (see docs/rule-api.md).
--   * Text is always run through hogo.normalize before matching, so full-width digits and
--     letters (１０００, ＤＶ) match ASCII patterns.
--   * Patterns are PCRE2 (hogo.test), written as Lua long strings [[...]] so backslashes stay.

-- The globals this library calls, as locals: a global is looked up through the environment's
-- read-only base at every use; a local is one step.
local hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall =
      hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall

local M = {}

-- JSON null, compared with == (one VM instruction) rather than asked of hogo.is_null (a call
-- into C) in the helpers below, which rules call more than anything else: the engine's null and
-- the plan's tables have no __eq, so == is hogo.is_null's raw comparison.
local NULL = hogo.null

local SEVERITIES = { "info", "low", "medium", "high", "critical" }

------------------------------------------------------------------------------------------
-- Basic value helpers
------------------------------------------------------------------------------------------

-- common.list(v): v when it is a (non-null) table, {} otherwise (nil, hogo.null, scalars).
-- Use it to iterate an array that may be absent or null: for _, s in ipairs(common.list(plan.storage)).
function M.list(v)
  if type(v) == "table" and v ~= NULL then return v end
  return {}
end

-- common.obj(v): v when it is a (non-null) table, nil otherwise.
function M.obj(v)
  if v == nil then return nil end
  if type(v) == "table" and v ~= NULL then return v end
  return nil
end

-- common.stated(v): true when v is present and not hogo.null.
function M.stated(v)
  return v ~= nil and v ~= NULL
end

-- common.get(t, k1, k2, ...): walks nested keys safely; nil as soon as a step is absent,
-- null or not a table.  common.get(plan, "data", "items") == plan.data.items (or nil).
-- (Rules ask with two keys: that walk is written out; any other count goes step by step.)
local function get_rest(node, n, ...)
  for i = 1, n do
    if type(node) ~= "table" or node == NULL then return nil end
    node = node[(select(i, ...))]
  end
  return node
end
function M.get(t, ...)
  local n = select("#", ...)
  if n == 2 then
    local k1, k2 = ...
    if type(t) ~= "table" or t == NULL then return nil end
    local a = t[k1]
    if type(a) ~= "table" or a == NULL then return nil end
    return a[k2]
  end
  return get_rest(t, n, ...)
end

-- common.memo(limit, fn): fn remembered: the returned function gives fn(x) for each x (not
-- nil), worked out once and kept.  For what rules pass again and again -- the same few texts,
-- constant patterns -- and would otherwise be rebuilt at every call; fn must depend on x alone.
-- The answers are kept in two generations (as the caches below): the newer takes `limit`
-- answers, then becomes the older and a new one starts; an answer found in the older is moved
-- to the newer.  So what comes again stays however long the batch, what does not is dropped
-- after two turns, and at most 2 x limit answers are held -- reached within the first plans
-- of a batch, not grown towards over a hundred thousand of them (docs/performance.md, "the
-- ninth round": a cache emptied only when full grew for 60,000 plans and with it peak RSS).
function M.memo(limit, fn)
  local cache, older, count = {}, {}, 0
  return function(x)
    local hit = cache[x]
    if hit == nil then
      hit = older[x]
      if hit == nil then hit = fn(x) end
      if count >= limit then cache, older, count = {}, cache, 0 end
      cache[x], count = hit, count + 1
    end
    return hit
  end
end

-- The pack's caches of answers about strings (common.text, common.answer) keep them in two
-- generations, as common.memo does: the newer takes KEEP_COUNT strings or KEEP_BYTES bytes of
-- them, then becomes the older, and a string found in the older is moved to the newer.  The
-- strings that come again plan after plan (field values, enumerations, item names) stay
-- through any batch; those a plan brings of its own (a few a plan) are dropped two turns
-- later; and what is held is bounded whatever the plans (a hostile plan's long strings turn
-- the generations sooner).  all_answered's strings found fine are emptied at the same bound
-- (a string that comes again is found fine again through common.answer's cache).
-- (1,024 strings or 128 KiB: the caches are full within the first 600 plans of a batch, so
-- peak RSS is flat from 2,000 plans on; emptied only when full at 4,096 strings, they filled
-- for 2,200 plans and peak RSS grew with the batch: docs/performance.md, "the ninth round".)
local KEEP_COUNT, KEEP_BYTES = 1024, 128 * 1024

-- common.text(v): v normalized (full-width -> ASCII) when it is a string, "" otherwise.
-- Every rule normalizes the same few strings of a plan, so results are kept (as common.memo
-- does, written out here: this is called more than anything else in the pack).
local text_cache, text_older, text_count, text_bytes = {}, {}, 0, 0
function M.text(v)
  local hit = text_cache[v]       -- (only strings are kept: a kept text needs no type check)
  if hit then return hit end
  if type(v) ~= "string" then return "" end
  hit = text_older[v] or hogo.normalize(v) or v
  if text_count >= KEEP_COUNT or text_bytes > KEEP_BYTES then
    text_cache, text_older, text_count, text_bytes = {}, text_cache, 0, 0
  end
  text_cache[v], text_count, text_bytes = hit, text_count + 1, text_bytes + #v
  return hit
end

-- common.num(v): a number from a number, or from a string such as "１，０００人" / "約580件"
-- (first run of digits, commas removed); nil when there is none.
function M.num(v)
  if type(v) == "number" then return v end
  if type(v) ~= "string" then return nil end
  -- (PCRE2 through hogo.*: Lua patterns are refused in rules)
  local s = hogo.gsub(M.text(v), "[,、，]", "")
  local d = hogo.match(s, "[0-9]+")
  return d and tonumber(d) or nil
end

-- common.fmt_int(n): an integer with thousands separators, as a string (120000 -> "120,000").
function M.fmt_int(n)
  local s = tostring(math.floor(tonumber(n) or 0))
  local out, len = "", #s
  for i = 1, len do
    out = out .. s:sub(i, i)
    local left = len - i
    if left > 0 and left % 3 == 0 and s:sub(i, i) ~= "-" then out = out .. "," end
  end
  return out
end

-- common.join(list, sep): the strings of a list joined (non-strings skipped); sep defaults to "、".
function M.join(list, sep)
  local out = {}
  for _, v in ipairs(M.list(list)) do
    if type(v) == "string" then out[#out + 1] = v end
  end
  return table.concat(out, sep or "、")
end

-- common.excerpt(s, n): the first n characters (UTF-8 code points) of s, with "…" when cut.
function M.excerpt(s, n)
  if type(s) ~= "string" then return "" end
  local len = utf8.len(s)
  if not len or len <= n then return s end
  return s:sub(1, utf8.offset(s, n + 1) - 1) .. "…"
end

------------------------------------------------------------------------------------------
-- Severity helpers
------------------------------------------------------------------------------------------

-- common.sev_shift(sev, n): sev moved n steps (negative = down), clamped to info..critical.
function M.sev_shift(sev, n)
  local r = (hogo.severity_rank(sev) or 0) + (n or 0)
  if r < 0 then r = 0 elseif r > 4 then r = 4 end
  return SEVERITIES[r + 1]
end

-- common.sev_max(a, b): the higher of two severities (nil is ignored).
function M.sev_max(a, b)
  if a == nil then return b end
  if b == nil then return a end
  return (hogo.severity_rank(a) or 0) >= (hogo.severity_rank(b) or 0) and a or b
end

-- common.sev_min(a, b): the lower of two severities (nil is ignored).
function M.sev_min(a, b)
  if a == nil then return b end
  if b == nil then return a end
  return (hogo.severity_rank(a) or 0) <= (hogo.severity_rank(b) or 0) and a or b
end

------------------------------------------------------------------------------------------
-- The plan's data
------------------------------------------------------------------------------------------

-- common.items(plan): the array plan.data.items, or {}.
local function data_list(plan, key)
  if type(plan) == "table" and plan ~= NULL then
    local d = plan.data
    if type(d) == "table" and d ~= NULL then
      local v = d[key]
      if type(v) == "table" and v ~= NULL then return v end
    end
  end
  return {}
end
-- (The array found is kept per plan, weakly: rule after rule asks for the same plan's items.
-- Only the plan's own read-only tables are kept -- a rule's own table could change before it
-- asks again -- and a plan that has none gets a new {} at each call, as it always did.)
local PLAN_TABLE = "plan (read-only)"   -- (what getmetatable gives for the plan's tables)
local getmetatable = getmetatable
local function data_kept(key)
  local kept = setmetatable({}, { __mode = "k" })
  return function(plan)
    local v = kept[plan]
    if v then return v end
    v = data_list(plan, key)
    if getmetatable(v) == PLAN_TABLE and getmetatable(plan) == PLAN_TABLE then kept[plan] = v end
    return v
  end
end
M.items = data_kept("items")

-- common.subjects(plan): the array plan.data.subjects, or {}.
M.subjects = data_kept("subjects")

-- common.personal_data(plan): true when the plan says it handles personal data
-- (at least one data item or data subject).
function M.personal_data(plan)
  return #M.items(plan) > 0 or #M.subjects(plan) > 0
end

-- common.items_of(plan, category [, name_pattern]): the items whose category is `category`
-- (a string, or a set table {birthdate=true,...}), plus, when name_pattern is given, the
-- items whose normalized name matches it.  Returns an array (possibly empty).
function M.items_of(plan, category, name_pattern)
  local out = {}
  for _, it in ipairs(M.items(plan)) do
    local c = it.category
    local hit = (type(category) == "table" and c ~= nil and category[c]) or c == category
    if not hit and name_pattern then hit = hogo.test(M.text(it.name), name_pattern) end
    if hit then out[#out + 1] = it end
  end
  return out
end

-- common.persons(plan): how many people the plan concerns: data.persons, else the sum of
-- data.subjects[].count when any is given; nil when neither is stated.
-- Second result: "persons", "subjects" or nil (where the number came from).
function M.persons(plan)
  local p = M.num(M.get(plan, "data", "persons"))
  if p then return p, "persons" end
  local sum, any = 0, false
  for _, s in ipairs(M.subjects(plan)) do
    local c = M.num(s.count)
    if c then sum, any = sum + c, true end
  end
  if any then return sum, "subjects" end
  return nil, nil
end

-- common.outsourcings(plan): the contractors, as an array of objects, whether `outsourcing` is
-- one object or an array of them (a system vendor and a 指定管理者); {} when absent or null.
-- An empty [] reads as {}: outsourcing stated with nothing said of it (rules then ask).
function M.outsourcings(plan)
  local o = M.obj(plan.outsourcing)
  if not o then return {} end
  if o[1] ~= nil then
    local out = {}
    for _, c in ipairs(o) do if M.obj(c) then out[#out + 1] = c end end
    return out
  end
  return { o }
end

-- common.outsourced(plan): the first contractor when something is outsourced, else nil.  Rules
-- that ask about each contractor iterate common.outsourcings(plan) instead.
function M.outsourced(plan)
  return M.outsourcings(plan)[1]
end

-- common.retentions(plan): the retention periods as an array of objects (each may have `what`),
-- whether `retention` is one object or an array; {} when absent or null.
function M.retentions(plan)
  local r = M.obj(plan.retention)
  if not r then return {} end
  if r[1] ~= nil then
    local out = {}
    for _, x in ipairs(r) do if M.obj(x) then out[#out + 1] = x end end
    return out
  end
  return { r }           -- an empty [] reads as {}: a retention that states nothing
end

-- An event that ends the service or the work itself (事業終了, サービス廃止, システムの運用終了), as
-- opposed to one in a person's own course (退所, 卒業, アカウント削除) or the contract's end.
M.SERVICE_END = [[(?:事業|サービス|制度|システム|運用|業務|施策|取組|取り組み|プロジェクト|本事業|本業務|実施)(?:の)?(?:提供|運営|実施|運用)?(?:の)?(?:終了|廃止|終期|完了|終結)]]

-- common.event_period(r): for a retention entry whose period ends with an event rather than a
-- length (hogo.days -2: 事業終了まで, 退所まで, アカウント削除まで), what that event is:
-- {period = <as written>, service = <the service's or the work's own end>, contract = <the
-- contract's end>}; nil for any other period (a length, 永年, unreadable, absent).
function M.event_period(r)
  if not M.obj(r) or type(r.period) ~= "string" or hogo.days(r.period) ~= -2 then return nil end
  local t = M.text(r.period)
  return { period = r.period, service = hogo.test(t, M.SERVICE_END),
           contract = hogo.test(t, [[契約]]) }
end

-- A longest bound written in words: 「最長10年」「上限5年」「5年を超えない」「5年を上限」.
local LENGTH = [[[0-9一二三四五六七八九十百]+\s*(?:年半?|か月|ヶ月|カ月|ヵ月|箇月|週間?|日)(?:間)?]]
local BOUND = [[(?:最長|最大|上限|長くとも)(?:で|は|として|、)?\s*(]] .. LENGTH .. [[)|(]] .. LENGTH .. [[)(?:を上限|を超えない|を超えて保存しない|を限度)]]

-- common.period_bound(plan, r): the longest retention entry r keeps its data, in days, when the
-- plan says so: r.longest (a length), a 最長/上限 length in r's period or basis (「事業終了まで
-- （最長10年）」「退所後5年を上限」), or, for a period that ends with the contract,
-- contract.years.  nil when the plan gives no bound.
function M.period_bound(plan, r)
  if not M.obj(r) then return nil end
  local d = type(r.longest) == "string" and hogo.days(r.longest) or nil
  if d and d >= 0 then return d end
  for _, v in ipairs({ r.period, r.basis }) do
    if type(v) == "string" then
      local _, a, b = hogo.match(M.text(v), BOUND)
      local x = (a or b) and hogo.days(a or b)
      if x and x >= 0 then return x end
    end
  end
  if hogo.test(M.text(r.period), [[契約]]) then
    local y = M.num(M.get(plan, "contract", "years"))
    if y and y > 0 then return y * 365 end
  end
  return nil
end

-- common.kinds(plan): the consultation kinds as a set ({outsourcing = true, ...}); kind may be
-- one kind or an array of them.  common.has_kind(plan, k) asks for one.
function M.kinds(plan)
  local k = M.get(plan, "consultation", "kind")
  local set = {}
  if type(k) == "string" then set[k] = true
  elseif type(k) == "table" then
    for _, v in ipairs(M.list(k)) do if type(v) == "string" then set[v] = true end end
  end
  return set
end

function M.has_kind(plan, k)
  -- (the set of common.kinds, asked without building it)
  if type(k) ~= "string" then return false end
  local kind = M.get(plan, "consultation", "kind")
  if type(kind) == "string" then return kind == k end
  if type(kind) == "table" and kind ~= NULL then
    for _, v in ipairs(kind) do if v == k then return true end end
  end
  return false
end

-- common.body(plan): how findings speak of the public body, from plan.organization:
-- {ja = "市", en = "the city", name = "志木市"}; 県/都/道/府 → the prefecture, 町, 村, 区;
-- {ja = "実施機関", en = "the public body"} when the plan does not say (or says otherwise).
local BODIES = {
  { "市", "the city" }, { "区", "the ward" }, { "町", "the town" }, { "村", "the village" },
  { "県", "the prefecture" }, { "都", "the metropolis" }, { "道", "the prefecture" },
  { "府", "the prefecture" },
}
-- (Worked out once for each organization as written -- findings ask at every report, and the
-- same few names come again plan after plan -- as {ja, en, name, En}; each caller gets its own
-- table.)
local body_of = M.memo(256, function(org)
  local name = hogo.gsub(M.text(org), [[^\s+|\s+$]], "")
  local r = { "実施機関", "the public body", name ~= "" and name or nil }
  for _, b in ipairs(BODIES) do
    if #name > #b[1] and name:sub(-#b[1]) == b[1] then r = { b[1], b[2], name }; break end
  end
  r[4] = r[2]:sub(1, 1):upper() .. r[2]:sub(2)
  return r
end)
local function body_record(plan)
  local org = plan.organization
  return body_of(type(org) == "string" and org or "")
end
function M.body(plan)
  local r = body_record(plan)
  return { ja = r[1], en = r[2], name = r[3] }
end

-- common.with_body(plan, vars): vars (a new table when nil) with the body's words added, for
-- templates that speak of the public body: {body} (市 / 県 / 町 / 実施機関), {body_en} ("the
-- city"), {Body_en} ("The city").  Write 「{body}が」 in a message, never 「市が」.
function M.with_body(plan, vars)
  local r = body_record(plan)
  vars = vars or {}
  vars.body, vars.body_en = r[1], r[2]
  vars.Body_en = r[4]
  return vars
end

-- common.body_words(plan, text): text with the body's words put in for {body}, {body_en} and
-- {Body_en} (what common.with_body gives a template), for words a rule joins into a template's
-- vars: a var's value is not filled in again.  (Kept per body and text: the texts are a rule's
-- own fixed words, and the same few bodies come again plan after plan; at most 64 texts a body.)
local body_filled = setmetatable({}, { __mode = "k" })   -- body record -> {text -> filled}
function M.body_words(plan, text)
  local r = body_record(plan)
  local kept = body_filled[r]
  if kept == nil then kept = { [0] = 0 }; body_filled[r] = kept end
  local hit = kept[text]
  if hit then return hit end
  hit = hogo.gsub(hogo.gsub(hogo.gsub(text, "\\{body\\}", r[1]), "\\{body_en\\}", r[2]), "\\{Body_en\\}", r[4])
  if type(text) == "string" and kept[0] < 64 then kept[text], kept[0] = hit, kept[0] + 1 end
  return hit
end

-- common.answer(v [, echo]): what a plan says in a free-text field, judged as an answer.
-- Returns the normalized text when it says something, or nil and why it does not:
--   "absent" (not stated), "null" (stated not applicable), "blank",
--   "placeholder" (the skeleton's 「（…）例：」, 〇〇, ○○, TBD, xxx left in),
--   "deferral" (only 特記仕様書で定める, 契約で定める, 別途協議, 適切に管理する, 検討中, 未定 …,
--   or the answer itself put off: 選定後に記載, 決定後に報告, 後日提出, 契約後に決定, 確定次第).
-- A deferral that still names something concrete is an answer (「作業責任者を選任し、詳細は
-- 特記仕様書で定める」): what is left once deferrals and filler words are taken out is weighed.
-- Third result, with "deferral": "later" when the words put off writing the answer itself
-- (「委託事業者（選定後に記載）」): the field is as empty as a template's, whatever field it is.
-- echo: words of the question itself (e.g. {"責任体制"}) that do not count as an answer.
local PLACEHOLDER = [[（[^）]*…[^）]*）|\([^)]*\.\.\.[^)]*\)|例[:：]|[〇○●◯]{2,}|[×✕]{2,}|\b(?:TBD|TODO|xxx+|XXX+)\b|記入してください|記載してください|を記入|未記入]]
-- ... or nothing but 「…」「？」: asked apart, as a pattern anchored at the start (in one pattern
-- with the others, its ^ kept PCRE2 from skipping ahead to the bytes they start with).
local PLACEHOLDER_ALONE = [[^\s*(?:\.\.\.|…|‥|\?+|？+)\s*$]]
-- The answer itself put off until a later step: 「選定後に記載」「決定後に報告」「後日提出」
-- 「契約後に決定」「確定次第お知らせ」「追って報告」「別途提出」「後日示す」.
local LATER = [[(?:選定|決定|確定|契約|締結|採択|落札|発注|設計|導入|構築|調達|公募|入札|協議|検討)(?:後|の後|次第|以降)(?:に|、)?(?:記載|記入|報告|提出|決定|確定|示す|お示し|明示|通知|お知らせ|説明|連絡|定める|判断|検討|選定|調整)|後日(?:に)?(?:記載|記入|報告|提出|決定|確定|示す|お示し|通知|お知らせ|説明|連絡|定める|判断|選定)|追って(?:記載|報告|提出|通知|連絡|示す|お示し)|別途(?:記載|報告|提出|通知|連絡|お示し)|(?:決まり|分かり|わかり)次第(?:記載|報告|提出|通知|連絡)?|(?:未|今後)(?:選定|確定)|選定中|(?:記載|報告|提出)予定]]
local DEFERRAL = LATER .. [[|特記(?:仕様書|事項)(?:等)?(?:に|で|において|により)(?:定める|規定する|定めます|規定します|明記する)|契約(?:書)?(?:等)?(?:に|で|において|により)(?:定める|規定する|定めます|明記する)|別途(?:協議|定める|検討|調整)|(?:適切|適正)に(?:管理|取り扱|取扱|対応|処理|保管|廃棄|確認|実施|運用|監督|措置)|万全を期す|検討中|未定|調整中|今後(?:検討|決定|整備|調整)|決まり次第|追って(?:定める|決定)|仕様書のとおり|規定のとおり|規程のとおり|法令(?:等)?に基づき]]
local FILLER = [=[特記(?:仕様書|事項)|個人情報(?:の)?(?:取扱い|取り扱い|取扱|保護)?|契約書?|仕様書|受託者|委託先|(?:委託|受託)?(?:事業者|業者)|(?:委託|受託)?(?:事業者|業者)名|事業者|(?:に|を|で|は|が|の|と|も|へ|より|により|において|に基づき|に従い|ついて|について|する|します|した|いる|います|ます|こととする|ものとする|行う|行います|等|など|及び|並びに|また|なお|詳細|内容|具体的|必要|事項|対応|管理|取扱|確認|上|中|後)|[\s。、,.・「」『』()（）:：;；/-]]=]
local function answer_text(v, echo)
  local t = M.text(v)
  if not hogo.test(t, [[\S]]) then return nil, "blank" end
  if hogo.test(t, PLACEHOLDER) or hogo.test(t, PLACEHOLDER_ALONE) then return nil, "placeholder" end
  -- A deferral is a short phrase: a text of more than 2,048 bytes (some 680 Japanese characters)
  -- says something whatever it defers, and is not searched phrase by phrase (a hostile plan's
  -- megabytes would cost a second for every rule that asks).
  if #t > 2048 then return t end
  local deferral = hogo.test(t, DEFERRAL)
  if not deferral and echo == nil then return t end   -- nothing to weigh: what is left is all of it
  local later = deferral and hogo.test(t, LATER)
  local rest = deferral and hogo.gsub(t, DEFERRAL, "") or t   -- (no deferral: nothing to take out)
  local echoed = false
  for _, w in ipairs(echo or {}) do
    local cut = hogo.gsub(rest, "\\Q" .. w .. "\\E", "")
    echoed, rest = echoed or cut ~= rest, cut
  end
  if deferral or echoed then
    rest = hogo.gsub(rest, FILLER, "")
    if (utf8.len(rest) or #rest) < 4 then
      if deferral then return nil, "deferral", later and "later" or nil end
      return nil, "blank"
    end
  end
  return t
end

-- The answer for a text depends on the text alone (and the echo words), and the same texts are
-- asked about again and again -- by many rules on one plan, and on plan after plan (氏名, 住所,
-- 課長が指定した職員のみ) -- so without echo words it is kept (common.memo written out, as
-- common.text is: rules ask this of every field): a text that answers as its normalized text
-- (one value: the usual answer, given with one look-up), any other as {nil, why, later}, a
-- record no caller sees.  Two generations, as common.text's (the older's two tables below).
local answered, unanswered, answer_count, answer_bytes = {}, {}, 0, 0
local answered_older, unanswered_older = {}, {}

function M.answer(v, echo)
  if echo == nil then       -- (a kept answer first: only strings of at most 2,048 bytes are kept)
    local t = answered[v]
    if t then return t end
    local r = unanswered[v]
    if r then return nil, r[2], r[3] end
  end
  if v == nil then return nil, "absent" end
  if v == NULL then return nil, "null" end
  if type(v) ~= "string" then return nil, "blank" end
  -- (a long text is not kept: the cache would hold a hostile plan's megabytes for later plans)
  if echo ~= nil or #v > 2048 then return answer_text(v, echo) end
  local t, r = answered_older[v], unanswered_older[v]
  if t == nil and r == nil then
    local why, later
    t, why, later = answer_text(v)
    if t == nil then r = { nil, why, later } end
  end
  if answer_count >= KEEP_COUNT or answer_bytes > KEEP_BYTES then
    answered_older, unanswered_older = answered, unanswered
    answered, unanswered, answer_count, answer_bytes = {}, {}, 0, 0
  end
  if t ~= nil then answered[v] = t else unanswered[v] = r end
  answer_count, answer_bytes = answer_count + 1, answer_bytes + #v
  if t ~= nil then return t end
  return nil, r[2], r[3]
end

-- common.all_answered(plan): true when no string of the plan (any field, any depth) is a
-- placeholder or a deferral (common.answer), worked out once per plan: a rule that reports such
-- fields has nothing to look for in the usual plan.  Asked in C (hogo.plan_every, which reads the
-- plan's tables without a VM instruction per value; common.answer keeps what it was told, so the
-- same strings cost a table look-up on the next plan); all_answered_lua walks the plan in Lua and
-- is the reference the all_answered ctest compares it with.
-- (The strings found to be neither are kept, as common.answer keeps its answers -- field values
-- and enumerations come again plan after plan -- so that the C walk passes them by.)
local fine, fine_count, fine_bytes = {}, 0, 0
local function not_unanswered(s)
  local t, why = M.answer(s)
  local ok = t ~= nil or (why ~= "placeholder" and why ~= "deferral")
  if ok and #s <= 2048 then
    if fine_count >= KEEP_COUNT or fine_bytes > KEEP_BYTES then fine, fine_count, fine_bytes = {}, 0, 0 end
    fine[s], fine_count, fine_bytes = true, fine_count + 1, fine_bytes + #s
  end
  return ok
end
function M.all_answered_lua(plan)
  if type(plan) ~= "table" or plan == NULL then return true end
  local function every(t)
    for _, v in pairs(t) do
      if type(v) == "string" then
        if not not_unanswered(v) then return false end
      elseif type(v) == "table" and v ~= NULL and not every(v) then
        return false
      end
    end
    return true
  end
  return every(plan)
end
function M.all_answered(plan)
  if hogo.plan_every then return hogo.plan_every(plan, not_unanswered, fine) end
  return M.all_answered_lua(plan)
end

-- common.placeholder(text): true when a text still holds the skeleton's 「（…）例：」 text (or 〇〇,
-- TBD…): common.answer's "placeholder".  Its example words must never count as what the plan
-- states, so every reader of the prose (gov.says, gov.mentions) skips such a field.
M.placeholder = M.memo(128, function(text)
  local _, why = M.answer(text)
  return why == "placeholder"
end)

------------------------------------------------------------------------------------------
-- Free text
------------------------------------------------------------------------------------------

-- common.text_fields(plan): every free-text field of the plan as an array of
-- {node=<table>, key=<string|integer>, text=<normalized string>, field=<short name>},
-- so a rule can both match the text and report at the right place.
-- The fields are the plan format's prose fields (hogo.prose_fields: docs/plan.schema.json's
-- x-hogo "prose"), in the schema's order, element by element: title, purpose, description,
-- data.subjects[].label, data.items[].name, storage[].what, transfers[].what /
-- .verification.how, outsourcing.scope[] (of each contractor), access.restriction,
-- contract.includes[], operations.review.
function M.text_fields_lua(plan)
  local out = {}
  local function add(node, key, field)
    if type(node) ~= "table" or hogo.is_null(node) then return end
    local v = node[key]
    if type(v) == "string" and v ~= "" then
      out[#out + 1] = { node = node, key = key, text = M.text(v), field = field }
    end
  end
  local walk
  local function into(v, f)   -- an object, an array of them, or one-or-many (outsourcing)
    if not M.obj(v) then return end
    if f.list or v[1] ~= nil then
      for _, e in ipairs(v) do walk(e, f.children) end
    else
      walk(v, f.children)
    end
  end
  walk = function(node, level)
    if not M.obj(node) then return end
    for _, f in ipairs(level) do
      if f.field == nil then
        into(node[f.key], f)
      elseif f.list then
        local arr = M.list(node[f.key])
        for i = 1, #arr do add(arr, i, f.field) end
      else
        add(node, f.key, f.field)
      end
    end
  end
  walk(plan, hogo.prose_fields)
  return out
end

-- The same list, walked in C by the engine (hogo.text_fields: the pack asks for it first of all
-- its shared facts); text_fields_lua above is the reference, and answers where the C walk
-- declines (a plan of an odd shape).  The text_fields ctest compares both on every fixture.
function M.text_fields(plan)
  return hogo.text_fields and hogo.text_fields(plan) or M.text_fields_lua(plan)
end

-- common.plan_texts(plan): the normalized strings of common.text_fields(plan) (an array).
function M.plan_texts(plan)
  local out = {}
  for _, f in ipairs(M.text_fields(plan)) do out[#out + 1] = f.text end
  return out
end

-- common.joined(plan): the texts of common.text_fields(plan) joined by a byte that is never valid
-- UTF-8 ("\xFF"), worked out once per plan.  hogo.test treats that byte as matching nothing --
-- not even [^X], and a look-behind stops at it -- so one search of the joined text says whether
-- any field matches a pattern (the usual answer, "no", at the price of one search), as long as
-- the pattern is not anchored (^ $ \A \z \Z \G) to the start or end of a text.
local joined_cache = setmetatable({}, { __mode = "k" })
function M.joined(plan)
  local hit = joined_cache[plan]
  if hit == nil then
    local parts = {}
    for _, f in ipairs(M.text_fields(plan)) do parts[#parts + 1] = f.text end
    hit = table.concat(parts, "\xFF")
    joined_cache[plan] = hit
  end
  return hit
end

-- The entries of common.text_fields(plan) when `pattern` may match one of them -- one search
-- of common.joined(plan) says whether it can -- else none.  For this file's own patterns, which
-- are not anchored and never match an empty text.
local NO_FIELDS = hogo.freeze({})
local function fields_matching(plan, pattern)
  if hogo.test(M.joined(plan), pattern) then return M.text_fields(plan) end
  return NO_FIELDS
end

-- common.find_text(plan, pattern [, fields]): the first entry of common.text_fields(plan)
-- whose text matches the PCRE2 pattern, or nil.  `fields` (optional) is a set of field
-- names to look at, e.g. {purpose=true, description=true}.
function M.find_text(plan, pattern, fields)
  for _, f in ipairs(M.text_fields(plan)) do
    if (fields == nil or fields[f.field]) and hogo.test(f.text, pattern) then return f end
  end
  return nil
end

-- A mention followed (within the sentence) by a negation: 「病歴は取得しない」「DV情報は扱いません」.
local NEGATION = [[(?![^。．.\n]{0,20}?(?:ない|ません|せず|除く|除き|除外|不要))]]

-- common.affirms(text, pattern): true when `text` (already normalized or not) contains a
-- match of `pattern` that is not negated in the same sentence (「…は取得しない」).  (A text, not
-- a plan: gov.mentions and gov.says read a plan's fields.)
local negated = M.memo(1024, function(pattern) return "(?:" .. pattern .. ")" .. NEGATION end)
function M.affirms(text, pattern)
  if type(text) ~= "string" then return false end
  return hogo.test(M.text(text), negated(pattern))
end

------------------------------------------------------------------------------------------
-- Who the data is about
------------------------------------------------------------------------------------------

-- Words for children (児童・生徒・乳幼児…).
M.CHILD_PATTERN = [[児童|生徒|子ども|子供|こども|乳幼児|幼児|乳児|新生児|園児|未成年|少年|少女|小学|中学|高校生|学童]]

-- common.involves_children(plan): true (and a Japanese label) when children's data is handled:
-- a subject of kind child/student, or children named in subject labels or item names; the
-- purpose/description/title are read too, but only when the plan lists no subjects.
function M.involves_children(plan)
  local subjects = M.subjects(plan)
  for _, s in ipairs(subjects) do
    if s.kind == "child" or s.kind == "student" then return true, M.text(s.label) ~= "" and s.label or "児童生徒" end
    if hogo.test(M.text(s.label), M.CHILD_PATTERN) then return true, s.label end
  end
  for _, it in ipairs(M.items(plan)) do
    if hogo.test(M.text(it.name), M.CHILD_PATTERN) then return true, it.name end
  end
  if #subjects == 0 then
    local f = M.find_text(plan, M.CHILD_PATTERN, { title = true, purpose = true, description = true })
    if f then return true, "児童" end
  end
  return false, nil
end

------------------------------------------------------------------------------------------
-- 要配慮個人情報 (special care-required personal information) and related sensitive data
------------------------------------------------------------------------------------------

-- The classes of sensitive information common.sensitive_items() recognises.
--   class "legal":   要配慮個人情報 under 個人情報保護法 第2条第3項 and 同施行令 第2条
--   class "victim":  having been harmed by a crime (法第2条第3項「犯罪により害を被った事実」):
--                    victims, DV, abuse, stalking
--   class "in_need": children and families in need (貧困, いじめ, 要保護児童…): not all are
--                    要配慮 by statute, but the council asks for the same care
--   class "flag":    the item is marked sensitive: true but its name matches none of the above
--   class "weak":    a health/welfare item whose name matches none of the above (ask, do not assume)
-- Each term: re (PCRE2), ja/en (what it is), basis (the provision).
M.SENSITIVE_TERMS = hogo.freeze({
  { class = "legal", ja = "人種", en = "race",
    basis = "個人情報保護法 第2条第3項", re = [[人種|民族]] },
  { class = "legal", ja = "信条", en = "creed",
    basis = "個人情報保護法 第2条第3項", re = [[信条|信仰|宗教|宗派|思想|支持政党|政治的(見解|立場)]] },
  { class = "legal", ja = "社会的身分", en = "social status",
    basis = "個人情報保護法 第2条第3項", re = [[社会的身分|被差別部落|同和地区|門地]] },
  { class = "legal", ja = "病歴", en = "medical history",
    basis = "個人情報保護法 第2条第3項",
    re = [[病歴|既往歴|既往症|病名|傷病|疾病|疾患|罹患|診断名|感染者|感染歴|陽性者|持病|難病|認知症|精神疾患]] },
  { class = "legal", ja = "犯罪の経歴", en = "criminal record",
    basis = "個人情報保護法 第2条第3項", re = [[犯罪歴|犯罪の経歴|犯歴|前科|前歴]] },
  { class = "legal", ja = "障害（身体・知的・精神・発達）", en = "disability (physical, intellectual, mental, developmental)",
    basis = "個人情報保護法施行令 第2条第1号",
    re = [[(身体|知的|精神|発達)(障害|障がい|障碍)|障害者|障害児|障がい|障碍|療育手帳|障害者手帳|精神障害者保健福祉手帳|障害(?<!システム障害)(?<!機器障害)(?<!通信障害)(?<!回線障害)(?<!サーバ障害)(?<!サーバー障害)(?<!端末障害)(?<!電波障害)(の)?(程度|等級|区分|種別|名|有無|特性|状況|状態|内容)|障害支援区分]] },
  { class = "legal", ja = "健康診断・検査の結果", en = "results of health checks or medical tests",
    basis = "個人情報保護法施行令 第2条第2号",
    re = [[(健康診断|健診|検診|人間ドック|検査|ストレスチェック|診断|スクリーニング|検体)(の)?(結果|所見|判定|数値|データ)|遺伝子|ゲノム|(血液|尿|HPV|PCR|抗原|抗体|細胞診)検査]] },
  { class = "legal", ja = "医師等による指導・診療・調剤", en = "guidance, treatment or dispensing by a doctor or pharmacist",
    basis = "個人情報保護法施行令 第2条第3号",
    re = [[診療|診察|カルテ|処方|調剤|保健指導|治療|通院|入院|投薬|服薬|レセプト|診療報酬明細|訪問看護|療養|問診]] },
  { class = "legal", ja = "刑事事件の手続", en = "criminal proceedings",
    basis = "個人情報保護法施行令 第2条第4号",
    re = [[刑事事件|刑事手続|逮捕|勾留|起訴|公訴|被疑者|被告人|捜査|送検|受刑|服役|執行猶予]] },
  { class = "legal", ja = "少年の保護事件の手続", en = "juvenile protection proceedings",
    basis = "個人情報保護法施行令 第2条第5号",
    re = [[少年(の)?保護事件|少年審判|家庭裁判所(へ|への)?送致|保護観察|少年院|非行|触法|虞犯|ぐ犯]] },
  { class = "victim", ja = "犯罪により害を被った事実（被害・虐待・DV）", en = "having been harmed by a crime (victims, abuse, domestic violence)",
    basis = "個人情報保護法 第2条第3項",
    re = [[犯罪被害|被害者(?<!災害の被害者)(?<!災害被害者)(?<!被災被害者)(?<!鳥獣被害者)|被害(?<!災害被害)(?<!被災被害)(?<!鳥獣被害)(?<!農作物被害)(の)?(状況|内容|事実|経過|状態|歴)|被害(を|に)(受け|遭|あ)|被害届|虐待|ネグレクト|DV(?<![A-Za-z]DV)(?![A-Za-z])|ドメスティック|配偶者(等)?からの暴力|性暴力|性犯罪|性被害|ストーカー|つきまとい]] },
  { class = "in_need", ja = "支援を要する児童・家庭の情報（貧困・いじめ・要保護児童等）", en = "children and families in need (poverty, bullying, children requiring protection)",
    basis = "児童福祉法 第6条の3・第25条の2（要保護児童対策）",
    re = [[要保護児童|要支援児童|特定妊婦|要保護|一時保護|貧困|生活困窮|生活保護|いじめ|不登校|ヤングケアラー|児童相談|家庭環境|里親|児童養護]] },
})

-- Japanese/English words for a subject kind that is itself sensitive.
local SUBJECT_KINDS = {
  victim   = { class = "victim", ja = "犯罪により害を被った事実（被害・虐待・DV）", en = "having been harmed by a crime (victims, abuse, domestic violence)", basis = "個人情報保護法 第2条第3項" },
  disabled = { class = "legal", ja = "障害（身体・知的・精神・発達）", en = "disability", basis = "個人情報保護法施行令 第2条第1号" },
  patient  = { class = "legal", ja = "医師等による指導・診療・調剤", en = "medical treatment", basis = "個人情報保護法施行令 第2条第3号" },
}

-- All the terms in one pattern: most texts mention none of them, and one search says so.
local ANY_TERM
do
  local parts = {}
  for i, t in ipairs(M.SENSITIVE_TERMS) do parts[i] = "(?:" .. hogo.gsub(t.re, [[\((?!\?)]], "(?:") .. ")" end
  ANY_TERM = table.concat(parts, "|")
end

-- every entry of SENSITIVE_TERMS matching text (an item may be both 病歴 and 診療)
local function classify_uncached(text, negation_aware)
  local out = {}
  if hogo.test(M.text(text), ANY_TERM) then
    for _, t in ipairs(M.SENSITIVE_TERMS) do
      local yes
      if negation_aware then yes = M.affirms(text, t.re) else yes = hogo.test(text, t.re) end
      if yes then out[#out + 1] = t end
    end
  end
  return out
end

-- Item names and subject labels repeat from plan to plan -- 氏名, 住所, 障害の程度 -- so the
-- answer for a text is kept (common.memo).  What it holds are the frozen entries of
-- SENSITIVE_TERMS, in arrays no caller hands out.
-- (The negation-aware reading is for a plan's purpose and description, which no other plan
-- shares: a few are kept, not thousands of texts that will not come again.)
local classify_plain = M.memo(1024, function(text) return classify_uncached(text, false) end)
local classify_negation = M.memo(16, function(text) return classify_uncached(text, true) end)
local function classify_all(text, negation_aware)
  if negation_aware then return classify_negation(text) end
  return classify_plain(text)
end

local function classify(text, negation_aware)
  return classify_all(text, negation_aware)[1]
end

-- common.sensitive_term(text): the first entry of common.SENSITIVE_TERMS whose pattern matches
-- the (normalized) text, negations ignored (for short names such as item names); nil if none.
function M.sensitive_term(text)
  return classify(M.text(text), false)
end

-- A term found in a name, a label or the prose counts only when it describes the data itself:
-- naming a recipient (「捜査機関から照会があれば提供する」) does not make the data criminal-
-- proceedings data -- a recipient is not a data category -- and prose still holding the
-- skeleton's example (「（目的…）例：…」) is the plan saying nothing.
local RECIPIENT = [[捜査関係事項照会|捜査機関|捜査当局|警察(?:署|本部|庁|官|機関)?|検察(?:庁|官)?|公安委員会]]
local function describes_data(node, key, where, term)
  local raw = node[key]
  if where == "text" and not M.answer(raw) then return false end
  local t = M.text(raw)
  -- (a text naming no recipient -- nearly all -- is asked once, not rebuilt without them)
  if not hogo.test(t, RECIPIENT) then return true end
  local stripped = hogo.gsub(t, RECIPIENT, "")
  if where == "text" then return M.affirms(stripped, term.re) end
  return hogo.test(stripped, term.re)
end

-- common.sensitive_items(plan): where the plan handles 要配慮個人情報 or other sensitive data.
-- Returns an array of hits (one per place and matching category, so one item may give several), each
--   {node=<table>, key=<field>, where="item"|"subject"|"text", name=<what to show>,
--    class="legal"|"victim"|"in_need"|"flag"|"weak", ja=, en=, basis=, flagged=<bool>}
-- Looks at: data.items (name, the `sensitive` flag, category health/welfare), data.subjects
-- (kind victim/disabled/patient, label), and purpose/description (negations such as
-- 「病歴は取得しない」 ignored).  An item's assigned number (接種券番号, 受給者番号) is not
-- sensitive by itself: only the name's meaning or the flag counts.
function M.sensitive_items(plan)
  local out = {}
  for _, it in ipairs(M.items(plan)) do
    local name = M.text(it.name)
    local terms = classify_all(name, false)
    local flagged = it.sensitive == true
    if #terms > 0 then
      for _, t in ipairs(terms) do
        if describes_data(it, "name", "item", t) then out[#out + 1] = { node = it, key = "name", where = "item", name = it.name, class = t.class,
                          ja = t.ja, en = t.en, basis = t.basis, flagged = flagged } end
      end
    elseif flagged then
      out[#out + 1] = { node = it, key = "sensitive", where = "item", name = it.name or "(項目)", class = "flag",
                        ja = "要配慮個人情報（計画で指定）", en = "special care-required information (marked in the plan)",
                        basis = "個人情報保護法 第2条第3項", flagged = true }
    elseif (it.category == "health" or it.category == "welfare") and it.sensitive == nil then
      out[#out + 1] = { node = it, key = "category", where = "item", name = it.name or "(項目)", class = "weak",
                        ja = it.category == "health" and "健康に関する情報" or "福祉に関する情報",
                        en = it.category == "health" and "health information" or "welfare information",
                        basis = "個人情報保護法施行令 第2条", flagged = false }
    end
  end
  for _, s in ipairs(M.subjects(plan)) do
    local k = SUBJECT_KINDS[s.kind]
    if k then
      out[#out + 1] = { node = s, key = "kind", where = "subject", name = s.label or s.kind, class = k.class,
                        ja = k.ja, en = k.en, basis = k.basis, flagged = false }
    end
    for _, t in ipairs(classify_all(M.text(s.label), false)) do
      if describes_data(s, "label", "subject", t) then
        out[#out + 1] = { node = s, key = "label", where = "subject", name = s.label, class = t.class,
                          ja = t.ja, en = t.en, basis = t.basis, flagged = false }
      end
    end
  end
  for _, key in ipairs({ "purpose", "description" }) do
    for _, t in ipairs(classify_all(M.text(plan[key]), true)) do
      if describes_data(plan, key, "text", t) then
        out[#out + 1] = { node = plan, key = key, where = "text", name = t.ja, class = t.class,
                          ja = t.ja, en = t.en, basis = t.basis, flagged = false }
      end
    end
  end
  return out
end

-- common.first_place(hits): of the hits of common.sensitive_items, the one to report at: where the
-- plan itself lists the data -- an item, else a subject, else the free text; nil for no hits.
function M.first_place(hits)
  for _, where in ipairs({ "item", "subject", "text" }) do
    for _, h in ipairs(hits) do
      if h.where == where then return h end
    end
  end
  return nil
end

-- common.has_sensitive(plan): true when common.sensitive_items finds anything but "weak" hits;
-- second result: the first such hit.
function M.has_sensitive(plan)
  for _, h in ipairs(M.sensitive_items(plan)) do
    if h.class ~= "weak" then return true, h end
  end
  return false, nil
end

-- common.involves_victims(plan): true when the plan concerns victims (subject kind victim, or
-- victim/abuse/DV wording in subjects, items or purpose); second result: the hit.
function M.involves_victims(plan)
  for _, h in ipairs(M.sensitive_items(plan)) do
    if h.class == "victim" then return true, h end
  end
  return false, nil
end

-- common.stakes(plan): what raises the stakes of the plan's data, as
-- {children=<bool>, sensitive=<bool>, victims=<bool>, high=<children or sensitive>,
--  label_ja=, label_en=}; label_* name the weightiest reason (児童の情報 / 要配慮個人情報 / 個人情報).  Rules use it to raise a
-- severity "for children or sensitive data".
function M.stakes(plan)
  local children = M.involves_children(plan)
  local sensitive = M.has_sensitive(plan)
  local victims = M.involves_victims(plan)
  local r = { children = children, sensitive = sensitive, victims = victims,
              label_ja = "個人情報", label_en = "personal data" }
  if sensitive and children then
    r.label_ja, r.label_en = "児童に関する要配慮個人情報", "sensitive data about children"
  elseif sensitive then
    r.label_ja, r.label_en = "要配慮個人情報", "special care-required personal information"
  elseif children then
    r.label_ja, r.label_en = "児童生徒の個人情報", "children's personal data"
  end
  r.high = children or sensitive
  return r
end

-- common.access_safeguarded(plan): true when the plan states both who may see the data
-- (access.restriction, an answer: not a placeholder or deferral) and that access is logged (access.logging == true): the two
-- safeguards the council expects around sensitive records.
function M.access_safeguarded(plan)
  local a = M.obj(plan.access)
  return a ~= nil and a.logging == true and M.answer(a.restriction) ~= nil
end

-- common.uniq_join(list, field, sep): the distinct values of list[i][field] (strings), joined.
function M.uniq_join(list, field, sep)
  local seen, out = {}, {}
  for _, v in ipairs(list) do
    local x = v[field]
    if type(x) == "string" and x ~= "" and not seen[x] then seen[x] = true; out[#out + 1] = x end
  end
  return table.concat(out, sep or "、")
end

------------------------------------------------------------------------------------------
-- Parties
------------------------------------------------------------------------------------------

local CONTRACTOR_RE = [[委託|受託|業者|事業者|会社|法人|株式|有限|機関|ベンダ|医療機関|検査機関|請負]]
local CITY_RE = [[(市|町|村|区|都|道|府|県|庁|役所|役場|課|室|係|局|部|本部|センター|教育委員会|学校|システム)$]]

-- A post or role held by people within the body (学年主任, 養護教諭, 校長・教頭, SC, 保健師, 係長),
-- as opposed to a unit or an outside agency (学校教育課, 児童相談所, 警察署).
M.ROLE_PATTERN = [[主任|主幹|教諭|教員|教師|担任|校長|教頭|養護|カウンセラー|ソーシャルワーカー|(?<![A-Za-z])(?:SC|SSW)(?![A-Za-z])|相談員|支援員|指導員|課長|係長|室長|所長|園長|施設長|部長|保健師|看護師|栄養士|司書|担当者|担当職員|管理職|職員|保育士]]
local UNIT_RE = [[(?:課|室|係|局|部|機関|センター|委員会|協議会|学校|小学校|中学校|病院|警察|警察署|相談所|事務所|市|町|村|県|庁|会社|法人|事業者|団体)$|他校|関係機関|外部]]

-- common.is_role(name): true when a party name (access.shared_with[], transfers' to) is a post
-- or role of people within the body (「学年主任」「養護教諭」「校長・教頭」「SC」) and names no
-- unit or outside agency: sharing with such roles is access inside one body, not sharing with
-- other bodies.
function M.is_role(name)
  local n = M.text(name)
  if n == "" or not hogo.test(n, M.ROLE_PATTERN) then return false end
  return not hogo.test(n, UNIT_RE)
end

-- common.is_contractor(name, plan): true when a party name (transfers[].from/to) is the
-- contractor: equal to outsourcing.contractor, or worded as one (委託業者, 受託者, 検査機関…).
function M.is_contractor(name, plan)
  local n = M.text(name)
  if n == "" then return false end
  local o = plan and M.outsourced(plan)
  if o and type(o.contractor) == "string" and M.text(o.contractor) == n then return true end
  return hogo.test(n, CONTRACTOR_RE)
end

-- common.is_city(name, plan): true when a party name is the city itself (…課, …室, 市, 庁内の
-- システム) and not the contractor.
function M.is_city(name, plan)
  local n = M.text(name)
  if n == "" or M.is_contractor(n, plan) then return false end
  return hogo.test(n, CITY_RE)
end

------------------------------------------------------------------------------------------
-- Core facts: what the council cannot judge a plan without (docs/scoring.md)
------------------------------------------------------------------------------------------

-- Third-party services residents use to reach the body (LINE, SNS, messaging apps).
M.SERVICE_PATTERN = [[(?<![A-Za-z])(?:LINE|Twitter|Facebook|Instagram|YouTube|TikTok|Zoom|Slack)(?![A-Za-z])|SNS|ソーシャルメディア|ソーシャル・ネットワーキング|LINE公式アカウント|ライン公式]]

-- Prose telling of a hand-over of data between parties: data named, then sent, handed over,
-- provided or linked (「対象者データを検査機関へ送付する」「名簿を提供する」), or a data migration.
-- (「サービスを提供する」 is no hand-over: the data must be named.)
M.HANDOVER_PATTERN = [[(?:データ|個人情報|情報|名簿|リスト|一覧|記録|台帳|ファイル|調査票|申請書|結果)[^。]{0,15}?(?:送付|送信|提供|受け渡|受渡|引き渡|引渡|手渡|持ち出|連携|アップロード)|データ(?:の)?(?:移行|移管|引継|引き継|移し替)]]

-- What residents do through a platform that puts their data on it (not 「SNSで周知する」).
local PLATFORM_DATA = [[申請|受付|受け付|相談|予約|回答|登録|送信|送付|アンケート|やり取り|やりとり|チャット|投稿|添付|問い合わせ|問合せ|通報|届出|手続]]

-- common.uses_platform(plan): the name of a third-party service residents' data goes through -- a
-- hand-over by third_party_app, or LINE/SNS named in a plain (not negated) sentence of the prose
-- that also tells of applications, consultations, replies… -- or nil.
function M.uses_platform(plan)
  for _, t in ipairs(M.list(plan.transfers)) do
    if M.obj(t) and t.method == "third_party_app" then return "外部のアプリ" end
  end
  for _, f in ipairs(fields_matching(plan, M.SERVICE_PATTERN)) do
    if f.field ~= "item" and f.field ~= "subject" and M.affirms(f.text, M.SERVICE_PATTERN) then
      local sentence = hogo.match(f.text, "[^。\\n]*(?:" .. M.SERVICE_PATTERN .. ")[^。\\n]*", "i") or ""
      if hogo.test(sentence, PLATFORM_DATA) then
        return hogo.match(f.text, M.SERVICE_PATTERN, "i") or "SNS"
      end
    end
  end
  return nil
end

-- common.moves(plan): true (and why, in Japanese) when personal data moves between parties, so
-- how it moves is a core fact.  Third result `evident`: true when the plan itself says so -- the
-- contractor keeps data at its site, data is provided or linked outside, the prose tells of a
-- hand-over -- false when it is only likely (work on the data is outsourced: a maintenance
-- contract may move nothing, and `"transfers": null` can say so).
function M.moves(plan)
  if not M.personal_data(plan) then return false end
  for _, s in ipairs(M.list(plan.storage)) do
    if M.obj(s) and s.location == "contractor" then return true, "受託者の施設で保管します", true end
  end
  if M.has_kind(plan, "external_provision") or M.has_kind(plan, "online_link") then
    return true, "外部へ提供・連携する計画です", true
  end
  for _, f in ipairs(fields_matching(plan, M.HANDOVER_PATTERN)) do
    if (f.field == "purpose" or f.field == "description" or f.field == "scope" or f.field == "contract")
       and M.affirms(f.text, M.HANDOVER_PATTERN) then
      return true, "「" .. M.excerpt(f.text, 30) .. "」とあります", true
    end
  end
  if M.outsourced(plan) and M.has_kind(plan, "outsourcing") then
    return true, "個人情報を扱う業務を委託します", false
  end
  return false
end

-- common.outsourcing_claimed(plan): why the plan is about outsourcing -- consultation kind
-- outsourcing, an outsourcing contract, or prose that says work is outsourced (委託する, not
-- 再委託, not negated) -- as {ja=, en=}; nil when it is not.
local OUTSOURCED = [[(?<!再)(?:業務)?委託(?:する|し|します|して|先|業者)|外部委託]]
function M.outsourcing_claimed(plan)
  if M.has_kind(plan, "outsourcing") then
    return { ja = "委託として諮問されています", en = "The plan is put to the council as outsourcing" }
  end
  if M.get(plan, "contract", "kind") == "outsourcing" then
    return { ja = "契約の種別が委託です", en = "The contract is an outsourcing contract" }
  end
  for _, f in ipairs(fields_matching(plan, OUTSOURCED)) do
    if (f.field == "purpose" or f.field == "description" or f.field == "title")
       and M.affirms(f.text, OUTSOURCED) then
      return { ja = "「" .. M.excerpt(f.text, 30) .. "」とあります",
               en = "The plan says work is outsourced" }
    end
  end
  return nil
end

------------------------------------------------------------------------------------------
-- 個人番号 (番号法)
------------------------------------------------------------------------------------------

-- The Individual Number itself, not the card used as an ID, the portal, the system or the network
-- segment (個人番号利用事務系).
M.MY_NUMBER_PATTERN = [[(?:個人番号|マイナンバー)(?!カード|ポータル|制度|法|利用事務系|系)]]

-- common.my_number(plan): where the plan handles 個人番号 (so 番号法 governs the work: 特定個人情報,
-- 個人番号関係事務 and its re-entrustment, 第10条): an item of category my_number, an item named
-- 個人番号/マイナンバー, or a text field (papers 「個人番号が記載された申告書」, a transfer, the
-- scope, the purpose) that speaks of it without a negation.  Returns the node and key to report
-- at and the words found, or nil.
function M.my_number(plan)
  for _, it in ipairs(M.items(plan)) do
    if it.category == "my_number" then return it, "category", M.text(it.name) ~= "" and it.name or "個人番号" end
  end
  -- (an item's name is one of the text fields: one search of them all says whether to look)
  if not hogo.test(M.joined(plan), M.MY_NUMBER_PATTERN) then return nil end
  for _, it in ipairs(M.items(plan)) do
    if M.affirms(it.name, M.MY_NUMBER_PATTERN) then return it, "name", it.name end
  end
  for _, f in ipairs(M.text_fields(plan)) do
    if M.affirms(f.text, M.MY_NUMBER_PATTERN) then
      return f.node, f.key, hogo.match(f.text, M.MY_NUMBER_PATTERN) or "個人番号"
    end
  end
  return nil
end

------------------------------------------------------------------------------------------
-- Once per plan
------------------------------------------------------------------------------------------

-- This library is loaded once and shared by every rule (docs/rule-api.md), so what many rules
-- ask about the same plan is worked out once: the answers are cached in a weak table keyed by
-- the plan and frozen, so no rule can change what the next one is told.
-- Each of these gives one answer, or always two (`two`): kept as they are, not packed and
-- unpacked at every call.
local NOTHING = {}   -- a kept nil (a table no caller ever sees)
local WEAK_KEYS = { __mode = "k" }
local function per_plan(fn, two)
  local first = setmetatable({}, WEAK_KEYS)
  local second = setmetatable({}, WEAK_KEYS)
  -- the first call for a plan: fresh tables, frozen where they are (no copy); what is not a
  -- table needs nothing.  (nil is kept as a key's absence: `first` holds NOTHING in its place,
  -- `second` nil.)
  local function fill(plan)
    local a, b = fn(plan)
    if type(a) == "table" then a = hogo.freeze(a, true) end
    if type(b) == "table" then b = hogo.freeze(b, true) end
    first[plan], second[plan] = a == nil and NOTHING or a, b
    return a, b
  end
  -- (these take the plan alone: a call with more is answered afresh.  A kept answer is looked
  -- up first, before any type check: only the plan's tables are keys, anything else misses.)
  if two then
    return function(plan, more)
      local a = first[plan]
      if a ~= nil and more == nil then
        if a == NOTHING then a = nil end
        return a, second[plan]
      end
      if more ~= nil or type(plan) ~= "table" then return fn(plan, more) end
      return fill(plan)
    end
  end
  return function(plan, more)
    local a = first[plan]
    if a ~= nil and more == nil then
      if a == NOTHING then return nil end
      return a
    end
    if more ~= nil or type(plan) ~= "table" then return fn(plan, more) end
    return (fill(plan))
  end
end

-- common.per_question(fn [, max [, one]]): fn(plan, question [, variant]) kept per plan and question
-- (a string; variant, when given, is part of the key).  For readers that rules ask once per list
-- entry (storage-cloud per storage entry) and that walk the plan's prose for each answer: uncached,
-- a plan of n entries costs n x n (issue 20).  At most max questions a plan are kept (default 4096;
-- rules ask a few dozen); past that, answers are worked out each time.  `one` (optional, true):
-- fn gives one answer (gov.says, gov.mentions), kept and given without counting its results.
-- (Kept per plan in a table by question, and, for a variant, in one by variant (its string:
-- tostring of any other value) and question: a hit costs two look-ups, no key is built.  One
-- answer is kept as it is (NOTHING for nil); without `one`, the answers are kept packed.  Each
-- table counts what it holds under COUNT, a key no question can be.)
local COUNT = {}
function M.per_question(fn, max, one)
  max = max or 4096
  local plain = setmetatable({}, WEAK_KEYS)    -- plan -> {question -> kept}
  local varied = setmetatable({}, WEAK_KEYS)   -- plan -> {variant -> {question -> kept}}
  -- the table of the plan's answers (for the variant), made at its first question
  local function answers(plan, key)
    if key == nil then
      local c = plain[plan]
      if not c then c = { [COUNT] = 0 }; plain[plan] = c end
      return c
    end
    local v = varied[plan]
    if not v then v = {}; varied[plan] = v end
    local c = v[key]
    if not c then c = { [COUNT] = 0 }; v[key] = c end
    return c
  end
  if one then
    return function(plan, q, variant)
      local c
      if variant == nil then       -- (the usual call: no type check before the look-up)
        c = plain[plan]            -- (only the plan's tables are keys: anything else misses)
        if c then
          local k = c[q]
          if k ~= nil then
            if k == NOTHING then return nil end
            return k
          end
        end
      end
      -- (a plan that has answers is a table: its type is asked only at its first question)
      if type(q) ~= "string" or (c == nil and type(plan) ~= "table") then return fn(plan, q, variant) end
      if variant ~= nil then
        local key = variant
        if type(key) ~= "string" then key = tostring(key) end
        c = answers(plan, key)
        local k = c[q]
        if k ~= nil then
          if k == NOTHING then return nil end
          return k
        end
      elseif c == nil then
        c = answers(plan, nil)
      end
      local v = fn(plan, q, variant)
      local n = c[COUNT]
      if n < max then c[COUNT], c[q] = n + 1, v == nil and NOTHING or v end
      return v
    end
  end
  local function keep(c, q, ...)
    local n = c[COUNT]
    if n < max then c[COUNT], c[q] = n + 1, table.pack(...) end
    return ...
  end
  return function(plan, q, variant)
    if type(q) ~= "string" or type(plan) ~= "table" then return fn(plan, q, variant) end
    local key = variant
    if key ~= nil and type(key) ~= "string" then key = tostring(key) end
    local c = answers(plan, key)
    local hit = c[q]
    if hit ~= nil then return table.unpack(hit, 1, hit.n) end
    return keep(c, q, fn(plan, q, variant))
  end
end

for _, name in ipairs({ "text_fields", "plan_texts", "sensitive_items", "stakes", "access_safeguarded",
                        "all_answered" }) do
  M[name] = per_plan(M[name])
end
for _, name in ipairs({ "involves_children", "has_sensitive", "involves_victims" }) do
  M[name] = per_plan(M[name], true)
end

return M
