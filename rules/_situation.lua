-- rules/_situation.lua -- the plan's situation, for rules that pick a remedy and a precedent by it
-- (global `situation`).
--
-- The council's advice depends on where the data lives and how it moves: an LGWAN-ASP service is
-- reached over LGWAN (the GIGA remark 「LGWAN回線を利用しないため」 does not fit it); a move between
-- the segments of 三層分離 goes through 無害化, not LGWAN; data in a cloud service is deleted (with
-- evidence), not physically destroyed; a live read (a card read at the counter, an API) is not a
-- one-off データ移行.  Structured fields are read first, then the plan's prose (gov.says:
-- negations and conditionals are not claims).
-- Builds on `common` and `gov`.

local common, gov = import("common", "gov")

-- The globals this library calls, as locals: a global is looked up through the environment's
-- read-only base at every use; a local is one step.
local hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall =
      hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall

local M = {}

-- Words for the situations, as PCRE2 alternatives (matched case-insensitively).  The services
-- are named once, here: every rule that asks whether an entry is LGWAN-ASP or ガバメントクラウド
-- goes through situation.storage_kind.
M.LGWAN_ASP = [[LGWAN[-‐－ ・]?ASP]]
M.GOV_CLOUD = [[ガバメント・?クラウド|ガバクラ|(?<![A-Za-z])(?:Gov-?Cloud|government cloud)]]
M.SEGMENT = [[個人番号利用事務系|LGWAN接続系|インターネット接続系|三層(?:の)?(?:分離|対策|構造)|無害化]]
M.LIVE = [[リアルタイム|即時に?(?:照会|参照|連携|読)|オンラインで(?:照会|参照)|読み取|読取|カード(?:を|の)?(?:読|IC)|ICチップ|(?<![A-Za-z])API(?![A-Za-z])|都度(?:照会|連携|参照)|随時(?:照会|連携)]]
M.MIGRATION = [[移行|移し替え|移替|取り込み|取込|初回のみ|一括(?:登録|投入)]]

-- situation.placeholder(text): common.placeholder -- a field still holding the skeleton's
-- 「（…）例：」 text (or 〇〇, TBD) says nothing.
M.placeholder = common.placeholder

-- situation.words(...): the normalized texts given (strings; others skipped), placeholders left
-- out, joined by a space.
function M.words(...)
  local out = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    if type(v) == "string" then
      local t = common.text(v)
      if t ~= "" and not M.placeholder(t) then out[#out + 1] = t end
    end
  end
  return table.concat(out, " ")
end

-- Storage locations that are a service run by someone else and reached over a network.
local CLOUDLIKE = { cloud = true, gov_cloud = true, lgwan_asp = true }

-- situation.service(s): "lgwan_asp" or "gov_cloud" when the storage entry is kept in an LGWAN-ASP
-- service or ガバメントクラウド: its location says so, or its own words (what, service, provider;
-- placeholders skipped) name one, whatever location it gives (an LGWAN-ASP service written as
-- the contractor's, ガバメントクラウド as a government data centre); nil otherwise.
function M.service(s)
  if not common.obj(s) then return nil end
  if s.location == "lgwan_asp" or s.location == "gov_cloud" then return s.location end
  local words = M.words(s.what, s.provider, s.service)
  if hogo.test(words, M.LGWAN_ASP, "i") then return "lgwan_asp" end
  if hogo.test(words, M.GOV_CLOUD, "i") then return "gov_cloud" end
  return nil
end

-- situation.storage_kind(s): what a storage entry is: its location, except that a "cloud" entry
-- (or one with no location) that situation.service finds in LGWAN-ASP or ガバメントクラウド is
-- that ("lgwan_asp", "gov_cloud").
function M.storage_kind(s)
  if not common.obj(s) then return nil end
  local loc = s.location
  if loc == "cloud" or loc == nil then
    local svc = M.service(s)
    if svc then return svc end
  end
  return type(loc) == "string" and loc or nil
end

-- situation.cloudlike(s): true when the entry is kept in a service run by someone else
-- (cloud, ガバメントクラウド, LGWAN-ASP).
function M.cloudlike(s)
  return CLOUDLIKE[M.storage_kind(s) or ""] == true
end

-- situation.cloud_held(plan): true when some electronic data of the plan is kept in such a
-- service (so "destroying" it means deleting it there).
function M.cloud_held(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if s.medium ~= "paper" and M.cloudlike(s) then return true end
  end
  return false
end

-- situation.lgwan_asp(plan): true when the plan uses an LGWAN-ASP service: a storage entry, or
-- the prose says so.
function M.lgwan_asp(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if M.storage_kind(s) == "lgwan_asp" then return true end
  end
  return M.says(plan, M.LGWAN_ASP) ~= nil
end

-- situation.uses_lgwan(plan): true when the plan keeps or moves data on LGWAN, by its fields: a
-- storage entry on the LGWAN network or an LGWAN-ASP service, or a hand-over by LGWAN.
function M.uses_lgwan(plan)
  for _, st in ipairs(common.list(plan.storage)) do
    if st.network == "lgwan" or st.location == "lgwan_asp" then return true end
  end
  for _, t in ipairs(common.list(plan.transfers)) do
    if t.method == "lgwan" then return true end
  end
  return false
end

-- situation.three_tier(plan): true when the plan works within 三層分離 (its segments or 無害化
-- are named, or a transfer goes by sanitization).
function M.three_tier(plan)
  for _, t in ipairs(common.list(plan.transfers)) do
    if t.method == "sanitization" then return true end
  end
  return M.says(plan, M.SEGMENT) ~= nil
end

-- situation.segment_move(t): true when the transfer moves data between the segments of 三層分離
-- (its method is sanitization, or its parties or words name a segment).
function M.segment_move(t)
  if not common.obj(t) then return false end
  if t.method == "sanitization" then return true end
  local words = M.words(t.from, t.to, t.what)
  return hogo.test(words, M.SEGMENT, "i")
end

-- situation.live_read(t): true when the transfer is a live read (an API, a card read, a real-time
-- lookup) rather than a one-off migration.
function M.live_read(t)
  if not common.obj(t) then return false end
  if t.method == "api" then return true end
  local words = M.words(t.what, common.get(t, "verification", "how"))
  return hogo.test(words, M.LIVE, "i") and not hogo.test(words, M.MIGRATION)
end

-- situation.migration(t [, plan]): true when the transfer is a migration (移行, 初回のみ の
-- 取り込み): its own words say so, or (given the plan) the plan's prose speaks of a データ移行 and
-- the transfer is a one-off hand-over into a system (not a live read, no recurring frequency).
function M.migration(t, plan)
  if not common.obj(t) or M.live_read(t) then return false end
  local words = M.words(t.what, common.get(t, "verification", "how"), t.frequency)
  if hogo.test(words, M.MIGRATION) then return true end
  if plan and common.text(t.frequency) == "" and hogo.test(M.words(t.to), [[システム]])
     and M.says(plan, [[(?:データ)?移行]]) then
    return true
  end
  return false
end

-- situation.value(v): v, except that null reads as nil (not stated).  For fields whose "not
-- stated" question must also be asked of null: null says less, and a plan never does better by
-- saying less (devices.managed: null is no more an answer than leaving it out).
function M.value(v)
  if hogo.is_null(v) then return nil end
  return v
end

-- situation.says(plan, re [, want]) and situation.mentions(plan, re): gov.says and gov.mentions
-- (the first prose field that claims re; the first text field that matches re at all), here for
-- the rules that read the situation.
M.says = gov.says
M.mentions = gov.mentions

-- The precedent every rule here comes back to, and the note that it predates the Act.
M.PRE_ACT = "（2023年4月の法施行前の審議）"
M.SHIKI = "志木市 令和2年度第3回 個人情報保護審議会（2021年2月17日）"

return M
