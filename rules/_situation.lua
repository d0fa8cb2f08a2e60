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
local getmetatable = getmetatable

local M = {}

-- Answers about one entry of the plan (a storage entry, a transfer), kept per entry: rule after
-- rule asks them of the same entries.  Only the plan's own tables are kept -- read-only, so the
-- answer cannot change, and held weakly, so nothing outlives the plan -- any other table is
-- answered afresh.
local PLAN_TABLE = "plan (read-only)"   -- (what getmetatable gives for the plan's tables)
local NONE = {}                          -- a kept nil (a table no caller ever sees)
local function per_entry(fn)
  local cache = setmetatable({}, { __mode = "k" })
  return function(x)
    local hit = cache[x]
    if hit ~= nil then
      if hit == NONE then return nil end
      return hit
    end
    local r = fn(x)
    if type(x) == "table" and getmetatable(x) == PLAN_TABLE then
      if r == nil then cache[x] = NONE else cache[x] = r end
    end
    return r
  end
end

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
-- (Rules pass one to five texts: one is the text itself, up to five are read without walking
-- the arguments with select.)
local function word(v)
  if v == nil then return nil end
  local t = common.text(v)        -- ("" for what is not a string)
  if t ~= "" and not M.placeholder(t) then return t end
  return nil
end
-- (Two or three texts, the usual call, are joined without a table.)
local function join2(x, y)
  if x and y then return x .. " " .. y end
  return x or y
end
function M.words(a, ...)
  local n = select("#", ...)
  if n == 0 then return word(a) or "" end
  if n == 1 then return join2(word(a), (word((...)))) or "" end
  if n == 2 then
    local b, c = ...
    return join2(join2(word(a), word(b)), word(c)) or ""
  end
  local out = { word(a) }
  if n <= 4 then
    local b, c, d, e = ...
    out[#out + 1] = word(b); out[#out + 1] = word(c); out[#out + 1] = word(d); out[#out + 1] = word(e)
  else
    for i = 1, n do out[#out + 1] = word((select(i, ...))) end
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
M.service = per_entry(M.service)

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

-- Words that give a service a planned end: a closing year (令和9年度末まで), a trial or model
-- project (実証事業, 試行, モデル事業), a fixed period (事業期間は…).
M.PLANNED_END = [[(?:令和|平成|R)\s*[0-9元]+\s*年度?(?:末)?(?:まで|で終了)|[0-9]{4}\s*年度?(?:末)?(?:まで|で終了)|実証(?:事業|実験|期間)|試行(?:期間|事業|的に)|モデル事業|期間限定|(?:事業|実施)期間(?:は|：|:)|[0-9]+\s*(?:年|か年)間(?:の|限り)(?:事業|実施)]]

-- situation.planned_end(plan): the prose field that gives the service a planned end (claimed: not
-- 「実証事業ではない」), or nil: 「事業終了まで」 then names a day that comes.
function M.planned_end(plan)
  return M.says(plan, M.PLANNED_END)
end

-- Words that give a reason or what was done instead: 「…ため」「理由は」「…により」「代わりに」.
M.BECAUSE = [[ため|理由|ので|により|によって|に代えて|代わりに|代替|を確認(?:済|した|して|しており)|確認済|取得済|登録済|認証を(?:取得|受け)|を満たす|に準拠|相当(?:の|する)]]

-- situation.reason(plan, node, field, topic): the reason the plan gives for something a finding
-- would otherwise ask "why" about, read where it is written: node[field] (its own field, e.g.
-- storage.ismap_reason: any answer, not a placeholder or deferral), else a sentence of the
-- node's what/service/provider or of the plan's purpose/description that names the topic (a
-- PCRE2 alternative, e.g. ISMAP) and gives a reason (M.BECAUSE) in that sentence or the next.
-- Returns the text found and where ("field", or the prose key), or nil.
local function reason_in(node, key, re)
  -- the sentence first (one search), and only a found sentence weighed as an answer: a
  -- placeholder or a deferral gives no reason
  local t = node[key]
  local sentence = type(t) == "string" and hogo.match(t, re, "i")
  if sentence and hogo.test(sentence, M.BECAUSE) and common.answer(sentence) then return common.text(sentence) end
  return nil
end
-- The plan's own prose is read once per plan and topic (common.per_question): rules ask per list
-- entry (storage-cloud per storage entry), and a plan of n entries would read its purpose and
-- description n times (issue 20: cost linear in the plan).
local plan_reason = common.per_question(function(plan, re)
  for _, k in ipairs({ "purpose", "description" }) do
    local sentence = reason_in(plan, k, re)
    if sentence then return sentence, k end
  end
  return nil
end, 256)
function M.reason(plan, node, field, topic)
  local own = common.obj(node) and common.answer(node[field])
  if own then return own, field end
  local re = "[^。\n]*(?:" .. topic .. ")[^。\n]*(?:。[^。\n]*)?"
  if common.obj(node) then
    for _, k in ipairs({ "what", "service", "provider" }) do
      local sentence = reason_in(node, k, re)
      if sentence then return sentence, k end
    end
  end
  return plan_reason(plan, re)
end

-- A school's ICT: GIGAスクール, 1人1台端末, 学習系・校務系 (the words of 文部科学省's guideline).
-- (Not 健康観察 or 学習支援 alone: a 保健所 observes patients' health, and 学習支援 is also a welfare
-- programme for children of families in need.)
M.SCHOOL_ICT = [[GIGA|1人1台|一人一台|学習(?:用)?(?:端末|系|アプリ)|学習eポータル|校務(?:系|支援|用)?|授業支援|デジタル教科書|学習者用]]
M.SCHOOL_DEPT = [[学校|教育委員会|教委|学校教育|教育総務|学務|指導課|教育指導|教育センター|教育研究所]]

-- situation.school(plan): true when the plan is a school's (a school or the board of education
-- runs it for its pupils, or it is GIGA / 1人1台 / 校務 ICT).  Schools follow 文部科学省's
-- 教育情報セキュリティポリシーに関するガイドライン, not the 三層の対策 of municipal offices.
function M.school(plan)
  if M.says(plan, M.SCHOOL_ICT) then return true end
  local by_school = hogo.test(M.words(plan.department, plan.organization), M.SCHOOL_DEPT)
  return by_school and common.involves_children(plan) or false
end

-- A certificate of destruction or erasure, or a report of it, named in the plan's words.
M.CERTIFICATE = [[(?:廃棄|溶解|消去|削除|抹消|破壊|処分)(?:の)?(?:証明|完了報告|報告書|完了届)|データ消去証明|証明書(?:を|の)(?:提出|受領|発行)]]

-- situation.certificate_asked(plan, d): true when the contractor's disposal entry d is asked for
-- its certificate (disposal-certificate's question: the contractor destroys, does not return,
-- and neither certificate: true nor the plan's words give one).  Other rules about the same entry
-- then leave the certificate out of what they ask, so it is asked once.
function M.certificate_asked(plan, d)
  if not common.obj(d) or d.by ~= "contractor" or d.method == "return" or d.certificate == true then return false end
  return not (d.certificate == nil and M.says(plan, M.CERTIFICATE))
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

------------------------------------------------------------------------------------------
-- Notices to residents, and the flows the prose tells of (issue 19)
------------------------------------------------------------------------------------------

-- Who a notice goes to: a resident or someone close to them, not a party that takes the data in.
M.RESIDENT = [[住民|市民|町民|村民|区民|県民|保護者|家族|親族|ご家族|本人|申請者|利用者|登録者|対象者|受診者|接種者|入所者|児童|生徒|世帯|相談者|高齢者|見守り(?:対象者|協力者)|緊急連絡先]]
-- What a notice is called: 通知・お知らせ・連絡・案内・リマインド・アラート ...
M.NOTICE = [[通知|お知らせ|知らせ|連絡|案内|リマインド|リマインダ|アラート|メッセージ|呼びかけ|勧奨|催告|督促|配信]]
-- The channels a notice takes.
local NOTICE_METHODS = { email = true, encrypted_email = true, phone = true, postal_mail = true,
                         third_party_app = true }

-- situation.notice(t): true when the transfer is a notice to a resident (or a relative, a
-- parent): kind "notice", or -- with no kind -- a message by mail, phone, post or an app to a
-- resident whose own words say it is a notice (「入室のお知らせ」 to 保護者 by e-mail).  A notice
-- is not a bulk data move: what a council asks of it is what it says, to which address, how a
-- wrong address is prevented and how the resident signs up and stops it (transfer-notice-content),
-- not LGWAN or an encrypted USB stick.  A message whose own words name 要配慮 data (検査結果,
-- 診断名) is a data move, kind or not.
function M.notice(t)
  if not common.obj(t) then return false end
  -- a message that carries 要配慮 data (「検査結果のお知らせ」) moves that data, whatever it is
  -- called: it stays transfer-unencrypted's (never a way out by declaring kind notice)
  if common.sensitive_term(M.words(t.what)) then return false end
  if t.kind == "notice" then return true end
  if t.kind == "handover" then return false end
  local m = M.value(t.method)
  if m ~= nil and not NOTICE_METHODS[m] then return false end
  local to = M.words(t.to)
  if to == "" or not hogo.test(to, M.RESIDENT) or common.is_contractor(to) then return false end
  return hogo.test(M.words(t.what), M.NOTICE)
end
M.notice = per_entry(M.notice)

-- The channels by which prose says something is sent, each with the methods (transfers[].method)
-- and words that show it in the structured part.
M.CHANNELS = hogo.freeze({
  { id = "email", ja = "電子メール", re = [[電子メール|(?<!ー)メール(?!アドレス|マガジン)|e-?mail]],
    methods = { email = true, encrypted_email = true } },
  { id = "post", ja = "郵送", re = [[郵送|郵便|書留|はがき|ハガキ|封書|宅配便|宅急便]],
    methods = { postal_mail = true, courier = true } },
  { id = "phone", ja = "電話", re = [[電話(?!番号)|架電]], methods = { phone = true } },
  { id = "usb", ja = "USBメモリ", re = [[USB]], methods = { usb = true, encrypted_usb = true } },
  { id = "lgwan", ja = "LGWAN", re = [[LGWAN(?![-－ ・]?ASP)]], methods = { lgwan = true } },
  { id = "line", ja = "外部アプリ・SNS", re = [[(?<![A-Za-z])LINE(?![A-Za-z])|SNS|SMS|ショートメッセージ|アプリ]],
    methods = { third_party_app = true } },
})
-- Sending verbs: the channel must be what something is sent by (「メールで通知する」「郵送する」),
-- not what is collected (「電話番号」) or asked about (「電話での問い合わせ」).
local SEND = [[送付|送信|送る|送り|通知|知らせ|連絡|配信|案内|受け渡|受渡|引き渡|引渡|渡す|渡し|提供|届け|返送|発送|報告]]
local BY = [[(?:で|により|にて|による|を(?:用い|使|利用|活用|通じ)|経由(?:で)?|を介し)]]
-- (郵送 is a verb by itself: 「結果を郵送する」.)
local flow_re = common.memo(64, function(ch)
  local re = "(?:" .. ch.re .. ")" .. BY .. "[^。\\n]{0,24}?(?:" .. SEND .. ")|(?:" .. ch.re .. ")(?:で|の|を)?(?:送付|送信|配信|発送|通知)"
  if ch.id == "post" then re = re .. "|郵送(?:する|し|で|により|にて|します)" end
  return re
end)

-- situation.flows_mentioned(plan): the channels the plan's own account (purpose, description,
-- outsourcing scope, contract) says something is sent by, each {channel=, node=, key=, text=}
-- (the first place it is said), negations left out (「メールでは送らない」).
-- Any channel at all, in one search: most fields name none.
local ANY_CHANNEL
do
  local parts = {}
  for i, ch in ipairs(M.CHANNELS) do parts[i] = "(?:" .. ch.re .. ")" end
  ANY_CHANNEL = table.concat(parts, "|")
end
function M.flows_mentioned(plan)
  local out, seen = {}, {}
  if not hogo.test(common.joined(plan), ANY_CHANNEL, "i") then return out end   -- (no field names one)
  for _, f in ipairs(gov.prose(plan)) do
    if (f.field == "purpose" or f.field == "description" or f.field == "scope" or f.field == "contract")
       and hogo.test(f.text, ANY_CHANNEL, "i") and not M.placeholder(f.text) then
      for _, ch in ipairs(M.CHANNELS) do
        if not seen[ch.id] and hogo.test(f.text, ch.re, "i") then
          if common.affirms(f.text, flow_re(ch)) then
            seen[ch.id] = true
            out[#out + 1] = { channel = ch, node = f.node, key = f.key, text = f.text }
          end
        end
      end
    end
  end
  return out
end

-- situation.flow_listed(plan, ch): true when the structured part shows the channel: a transfer by
-- one of its methods or whose own words name it, or (for apps) a platform listed.
function M.flow_listed(plan, ch)
  for _, t in ipairs(common.list(plan.transfers)) do
    if common.obj(t) then
      if ch.methods[M.value(t.method) or ""] then return true end
      local words = M.words(t.what, t.from, t.to, common.get(t, "verification", "how"), t.content)
      if hogo.test(words, ch.re, "i") then return true end
    end
  end
  if ch.id == "line" and #common.list(plan.platforms) > 0 then return true end
  return false
end

-- The precedent every rule here comes back to, and the note that it predates the Act.
M.PRE_ACT = "（2023年4月の法施行前の審議）"
M.SHIKI = "志木市 令和2年度第3回 個人情報保護審議会（2021年2月17日）"

-- The national guidance on local governments' use of LINE and like services, and what the
-- regulators did about the operator (docs/precedents.md: read as the press and the 鳥取県 release
-- reported them).  The guideline: information a third party may know may go on the platform; for
-- residents' personal data or consultations, the system is built so that it is stored in the
-- body's (or its contractor's) database, not on the platform.
M.LINE_GUIDELINE = "内閣官房・個人情報保護委員会・金融庁・総務省「政府機関・地方公共団体等における業務でのLINE利用状況調査を踏まえた今後のLINEサービス等の利用の際の考え方（ガイドライン）」（2021年4月30日: 住民の個人情報や相談内容を扱う場合は、LINE側に保存されないシステム構成とする）"
M.LINE_REGULATORS = "個人情報保護委員会 LINE株式会社に対する指導（2021年4月23日、委託先の監督）; 総務省 LINE株式会社に対する文書による指導（2021年4月26日）; 個人情報保護委員会 LINEヤフー株式会社に対する勧告（2024年3月28日、不正アクセスによる約52万件の流出）; 総務省 LINEヤフー株式会社に対する行政指導（2024年3月5日・4月16日）"

return M
