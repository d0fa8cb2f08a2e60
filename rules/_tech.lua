-- rules/_tech.lua -- helpers for the rules learnt from other councils (global `tech`): what kind of
-- plan this is (cameras, a library, AI or AI-OCR, RPA, a provision of data to others), read from
-- the structured fields first and from the department's prose second.
--
-- Builds on `common` and `gov`.  Prose is read with gov.find_claim, so 「AIは使用しない」 or
-- 「カメラを設置する場合は」 does not make a plan an AI or a camera plan.  Every detector is worked
-- out once per plan (weak cache keyed by the plan) and returns plain values, never a mutable table.

local M = {}

------------------------------------------------------------------------------------------
-- The widened plan format (v1, issue 12): several consultation kinds, contractors, retentions.
-- common.kinds / common.outsourcings / common.retentions / common.answer when the pack has them;
-- the same reading here otherwise, so these rules work on either pack.
------------------------------------------------------------------------------------------

-- tech.kinds(plan): set {outsourcing=true, ...} of consultation kinds (a string or an array).
function M.kinds(plan)
  if common.kinds then return common.kinds(plan) end
  local out = {}
  local c = common.obj(plan.consultation)
  local k = c and c.kind
  if type(k) == "string" then out[k] = true
  elseif type(k) == "table" and not hogo.is_null(k) then
    for _, v in ipairs(k) do if type(v) == "string" then out[v] = true end end
  end
  return out
end

-- tech.outsourcings(plan): list of contractor objects (outsourcing as an object or an array).
function M.outsourcings(plan)
  if common.outsourcings then return common.outsourcings(plan) end
  local o = common.obj(plan.outsourcing)
  if not o then return {} end
  if o[1] ~= nil then
    local out = {}
    for _, c in ipairs(o) do if common.obj(c) then out[#out + 1] = c end end
    return out
  end
  return { o }
end

-- tech.retentions(plan): list of retention objects (retention as an object or an array).
function M.retentions(plan)
  if common.retentions then return common.retentions(plan) end
  local r = common.obj(plan.retention)
  if not r then return {} end
  if r[1] ~= nil then
    local out = {}
    for _, c in ipairs(r) do if common.obj(c) then out[#out + 1] = c end end
    return out
  end
  return { r }
end

-- Texts that only defer or fill a slot (read as not stated).
local NON_ANSWER = [[^\s*(?:特記仕様書(?:等)?で定める|仕様書(?:等)?による|適切に(?:管理|対応|取り扱)[^。]{0,6}|検討中|未定|調整中|別途(?:定める|協議)|今後検討|[〇○◯×＊*?？]+|TBD|tbd|-+|ー+|なし予定)\s*。?\s*$]]

-- tech.answer(v): the text when v is a real answer; nil when absent, null, blank or a deferral.
function M.answer(v)
  if common.answer then return common.answer(v) end
  if type(v) ~= "string" then return nil end
  local t = common.text(v)
  if not hogo.test(t, [[\S]]) then return nil end
  if hogo.test(t, NON_ANSWER) then return nil end
  if hogo.test(t, [[[〇○◯]{2,}]]) then return nil end
  return t
end

-- tech.body(plan): how messages speak of the public body (市 / 県 / 町 / 村 / 区 / 実施機関).
function M.body(plan)
  if common.body then
    local b = common.body(plan)
    return type(b) == "table" and b.ja or b
  end
  local o = plan.organization
  if type(o) == "string" then
    local t = common.text(o)
    for _, suffix in ipairs({ "県", "都", "府", "道", "市", "町", "村", "区" }) do
      if hogo.test(t, suffix .. [[$]]) then return suffix end
    end
  end
  return "実施機関"
end

------------------------------------------------------------------------------------------
-- Prose: the department's own words (gov.find_claim reads polarity).
------------------------------------------------------------------------------------------

-- tech.says(plan, kw): the first prose field that claims kw (not negated, not hypothetical), or nil.
function M.says(plan, kw)
  return gov.find_claim(plan, kw)
end

-- Every text field of the plan (common.text_fields) joined by a byte that is never valid UTF-8,
-- worked out once per plan: one search of it says whether any field mentions a keyword, which
-- is the usual answer ("no") for most keywords on most plans.  As in gov, a keyword anchored to
-- the start or end of a text (^ $) must not be searched this way; none of these rules' are.
local joined_cache = setmetatable({}, { __mode = "k" })
function M.joined(plan)
  local hit = joined_cache[plan]
  if hit == nil then
    local parts = {}
    for _, f in ipairs(common.text_fields(plan)) do parts[#parts + 1] = f.text end
    hit = table.concat(parts, "\xFF")
    joined_cache[plan] = hit
  end
  return hit
end

-- tech.mentions(plan, kw): the first field (prose or item name) mentioning kw in any way, or nil.
-- For answers to a question: 「学習には利用しない」 answers "is it used for training?".
function M.mentions(plan, kw)
  if not hogo.test(M.joined(plan), kw) then return nil end
  return common.find_text(plan, kw)
end

-- tech.storage_text(plan, kw): true when a storage entry's what/service/provider mentions kw.
function M.storage_text(plan, kw)
  for _, s in ipairs(common.list(plan.storage)) do
    for _, k in ipairs({ "what", "service", "provider" }) do
      if type(s[k]) == "string" and hogo.test(common.text(s[k]), kw, "i") then return s end
    end
  end
  return nil
end

------------------------------------------------------------------------------------------
-- What kind of plan: cameras, libraries, AI, RPA.  Each returns the place to report (a field
-- entry {node, key, text, field} or a table and key) and the word found, or nil.
------------------------------------------------------------------------------------------

M.CAMERA = [[防犯カメラ|監視カメラ|見守りカメラ|街頭カメラ|街頭防犯カメラ|ネットワークカメラ|AIカメラ|ドライブレコーダー|ドラレコ|車載カメラ|録画映像|記録映像|映像データ|画像データ|顔画像|顔認証カメラ|顔認識カメラ|ウェアラブルカメラ]]

-- tech.camera(plan): a camera or recording plan (防犯カメラ, ドライブレコーダー, 顔画像).
function M.camera(plan)
  local f = M.says(plan, M.CAMERA)
  if f then return f.node, f.key, hogo.match(f.text, M.CAMERA) end
  for _, it in ipairs(common.items(plan)) do
    local t = common.text(it.name)
    if hogo.test(t, M.CAMERA .. [[|映像|録画|動画]]) then return it, "name", it.name end
  end
  return nil
end

M.LIBRARY = [[図書館|図書室|電子図書館|蔵書|貸出返却|貸出・返却|図書の貸出|資料の貸出]]
M.USAGE = [[貸出履歴|貸出記録|貸出情報|読書記録|読書履歴|読書通帳|利用履歴|閲覧履歴|予約履歴|検索履歴|返却履歴]]

-- Consent asked of each user before a record is kept (opt-in).
M.OPT_IN = [[希望(?:する|した)?(?:利用)?者(?:のみ|に限)|本人(?:の|が)(?:同意|希望|申出)|同意(?:した|を得た|のあった)(?:利用)?者|オプトイン|opt-?in|申出(?:た|のあった)(?:利用)?者(?:のみ|に限)|利用者(?:自身)?が(?:選択|設定)]]

-- tech.library(plan): a library plan (図書館, 蔵書, 貸出).
function M.library(plan)
  local f = M.says(plan, M.LIBRARY)
  if f then return f.node, f.key end
  return nil
end

-- tech.usage_items(plan): the items that record what a person borrowed, read or viewed:
-- category usage_history, or a name such as 貸出履歴・読書記録・閲覧履歴.
function M.usage_items(plan)
  local out = {}
  for _, it in ipairs(common.items(plan)) do
    if it.category == "usage_history" or hogo.test(common.text(it.name), M.USAGE) then out[#out + 1] = it end
  end
  return out
end

M.AI = [[AI-?OCR|(?<![A-Za-z])AI(?![A-Za-z])|人工知能|機械学習|深層学習|生成AI|大規模言語モデル|LLM|チャットGPT|ChatGPT|画像認識|音声認識|文字認識]]

-- tech.ai(plan): the plan uses AI (AI-OCR, 生成AI, 音声認識…); second result: the word found.
function M.ai(plan)
  local f = M.says(plan, M.AI)
  if f then return f, hogo.match(f.text, M.AI, "i") end
  return nil
end

-- tech.ai_ocr(plan): the plan reads forms with AI-OCR / OCR.
function M.ai_ocr(plan)
  return M.says(plan, [[AI-?OCR|OCR|文字認識|手書き帳票の読(?:取|み取)]])
end

M.RPA = [[RPA|ロボティック・?プロセス|WinActor|ウィンアクター|UiPath|BizRobo|ソフトウェアロボット|業務自動化ツール|(?:RPA|自動化)シナリオ]]

-- tech.rpa(plan): the plan runs RPA: a transfer by method rpa, or RPA named in the prose.
-- Returns the node and key to report at.
function M.rpa(plan)
  for _, t in ipairs(common.list(plan.transfers)) do
    if t.method == "rpa" then return t, "method" end
  end
  local f = M.says(plan, M.RPA)
  if f then return f.node, f.key end
  return nil
end

------------------------------------------------------------------------------------------
-- Provision: data given to others, or used beyond its purpose.
------------------------------------------------------------------------------------------

-- tech.provision(plan): true when the plan is (also) an 外部提供 or 目的外利用 consultation.
-- Second result: "external_provision" or "purpose_external_use".
function M.provision(plan)
  local k = M.kinds(plan)
  if k.external_provision then return true, "external_provision" end
  if k.purpose_external_use then return true, "purpose_external_use" end
  return false
end

return M
