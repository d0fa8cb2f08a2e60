-- rules/_tech.lua -- helpers for the rules learnt from other councils (global `tech`): what kind of
-- plan this is (cameras, a library, AI or AI-OCR, RPA, a provision of data to others), read from
-- the structured fields first and from the department's prose second.
--
-- Builds on `common` and `gov`.  Prose is read with gov.says, so 「AIは使用しない」 or
-- 「カメラを設置する場合は」 does not make a plan an AI or a camera plan.  Every detector returns
-- plain values or the plan's own read-only tables, never a mutable table.

local common, gov = import("common", "gov")

-- The globals this library calls, as locals: a global is looked up through the environment's
-- read-only base at every use; a local is one step.
local hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall =
      hogo, type, ipairs, pairs, select, tostring, tonumber, table, math, utf8, setmetatable, pcall

local M = {}

------------------------------------------------------------------------------------------
-- Prose: the department's own words (gov reads polarity).
------------------------------------------------------------------------------------------

-- tech.says(plan, kw), tech.mentions(plan, kw), tech.joined(plan): gov.says (the first prose
-- field that claims kw), gov.mentions (the first text field that matches kw at all: for answers
-- to a question, 「学習には利用しない」 answers "is it used for training?") and common.joined (every
-- text field joined, for one search), here for the rules that read what kind of plan it is.
M.says = gov.says
M.mentions = gov.mentions
M.joined = common.joined

-- tech.storage_text(plan, kw): true when a storage entry's what/service/provider mentions kw.
local STORAGE_WORDS = { "what", "service", "provider" }
function M.storage_text(plan, kw)
  for _, s in ipairs(common.list(plan.storage)) do
    for _, k in ipairs(STORAGE_WORDS) do
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
local CAMERA_ITEM = M.CAMERA .. [[|映像|録画|動画]]
function M.camera(plan)
  local f = M.says(plan, M.CAMERA)
  if f then return f.node, f.key, hogo.match(f.text, M.CAMERA) end
  for _, it in ipairs(common.items(plan)) do
    local t = common.text(it.name)
    if hogo.test(t, CAMERA_ITEM) then return it, "name", it.name end
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
  local k = common.kinds(plan)
  if k.external_provision then return true, "external_provision" end
  if k.purpose_external_use then return true, "purpose_external_use" end
  return false
end

return M
