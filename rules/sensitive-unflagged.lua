-- sensitive-unflagged: an item whose name reads as 要配慮個人情報 (or victim / in-need data) is
-- not marked `sensitive: true`, so the safeguards tied to the flag may be skipped: low.  A health
-- or welfare item whose name matches nothing is asked about: a question to answer before the
-- session (low; children's health observations are not a mere note), quiet once the item says
-- sensitive: true or false.  (接種券番号 and other assigned numbers are not sensitive by
-- themselves: only the name's meaning counts; nor is a recipient named in the item: 警察への
-- 提供記録.)

-- A recipient is not a data category: 「捜査機関から照会があった場合は提供する」 names who may
-- receive the data, not data about criminal proceedings.  common.sensitive_items matches words,
-- so the names of such bodies are taken out of the text and the term is matched again: only
-- items, labels and prose that describe the data itself count; prose that is still the
-- skeleton's placeholder says nothing.  (Local: _common.lua is not
-- this rule's to change; the lead may move it there.)
local RECIPIENT = [[捜査関係事項照会|捜査機関|捜査当局|警察(?:署|本部|庁|官|機関)?|検察(?:庁|官)?|公安委員会]]
local TERM_RE = {}
for _, t in ipairs(common.SENSITIVE_TERMS) do TERM_RE[t.ja] = t.re end

local function describes_data(h)
  -- the skeleton's example prose (「（目的…）例：…」) is the plan saying nothing: not its data
  if h.where == "text" and not common.answer(h.node[h.key]) then return false end
  local re = TERM_RE[h.ja]
  if not re or not (h.key == "name" or h.key == "label" or h.where == "text") then return true end
  local t = common.text(h.node[h.key])
  local stripped = hogo.gsub(t, RECIPIENT, "")
  if stripped == t then return true end
  if h.where == "text" then return common.mentions(stripped, re) end
  return hogo.test(stripped, re)
end

-- common.sensitive_items(plan) without the hits that only name a recipient
local function sensitive_hits(plan)
  local out = {}
  for _, h in ipairs(common.sensitive_items(plan)) do
    if describes_data(h) then out[#out + 1] = h end
  end
  return out
end

return {
  id        = "sensitive-unflagged",
  topic     = "data.sensitive",
  severity  = "low",
  title     = { ja = "要配慮個人情報の指定漏れ",
                en = "Sensitive item not marked as such" },
  message   = { ja = "「{name}」は{kind}に当たると考えられますが、要配慮個人情報（sensitive）として{state}。",
                en = "\"{name}\" appears to be {kind_en}, but it is {state_en} as special care-required (sensitive)." },
  follow_up = { ja = "要配慮個人情報に当たるかを確認し、当たる場合は sensitive: true とした上で取扱いの措置を示してください。",
                en = "Check whether it is special care-required information; if so, mark it sensitive: true and state how it is protected." },
  precedent = "個人情報保護法 第2条第3項・同施行令第2条",

  check = function(plan, ctx)
    local done = {}   -- one finding per item, on its first (weightiest) category
    for _, h in ipairs(sensitive_hits(plan)) do
      if h.where == "item" and not h.flagged and h.class ~= "flag" and not done[h.node] then
        done[h.node] = true
        local stated_false = h.node.sensitive == false
        local vars = { name = tostring(h.name), kind = h.ja, kind_en = h.en,
                       state = stated_false and "扱わないとされています" or "指定されていません",
                       state_en = stated_false and "marked as not sensitive" or "not marked" }
        if h.class == "weak" then
          ctx.report(h.node, "sensitive", { severity = "low", vars = vars,
            message = { ja = "「{name}」（{kind}）が要配慮個人情報に当たるか記載されていません。",
                        en = "Whether \"{name}\" ({kind_en}) is special care-required information is not stated." },
            follow_up = { ja = "要配慮個人情報（病歴、健康診断等の結果、診療など）に当たるかを確認し、当たる場合は sensitive: true、当たらない場合は sensitive: false としてください。",
                          en = "Check whether it is special care-required information (medical history, health check results, treatment…); mark it sensitive: true if so, sensitive: false if not." } })
        else
          ctx.report(h.node, "sensitive", { vars = vars })
        end
      end
    end
  end,
}
