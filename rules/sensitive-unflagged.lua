-- sensitive-unflagged: an item whose name reads as 要配慮個人情報 (or victim / in-need data) is
-- not marked `sensitive: true`, so the safeguards tied to the flag may be skipped: low.  A health
-- or welfare item whose name matches nothing is asked about: a question to answer before the
-- session (low; children's health observations are not a mere note), quiet once the item says
-- sensitive: true or false.  (接種券番号 and other assigned numbers are not sensitive by
-- themselves: only the name's meaning counts; nor is a recipient named in the item: 警察への
-- 提供記録.)

return {
  id        = "sensitive-unflagged",
  topic     = "data.sensitive",
  severity  = "low",
  title     = { ja = "要配慮個人情報の指定漏れ",
                en = "Sensitive item not marked as such" },
  message   = { ja = "「{name}」は{kind}に当たると考えられますが、「{label:data.items.sensitive}」欄として{state}。",
                en = "\"{name}\" appears to be {kind_en}, but it is {state_en} as special care-required (sensitive)." },
  follow_up = { ja = "要配慮個人情報に当たるかを確認し、当たる場合は「{label:data.items.sensitive}」欄を「はい」（true）とした上で取扱いの措置を示してください。",
                en = "Check whether it is special care-required information; if so, mark it sensitive: true and state how it is protected." },
  precedent = "個人情報保護法 第2条第3項・同施行令第2条",

  -- needs: check() reports only items (where == "item"): plan.data
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    local done = {}   -- one finding per item, on its first (weightiest) category
    for _, h in ipairs(common.sensitive_items(plan)) do
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
            follow_up = { ja = "要配慮個人情報（病歴、健康診断等の結果、診療など）に当たるかを確認し、「{label:data.items.sensitive}」欄を、当たる場合は「はい」（true）、当たらない場合は「いいえ」（false）としてください。",
                          en = "Check whether it is special care-required information (medical history, health check results, treatment…); mark it sensitive: true if so, sensitive: false if not." } })
        else
          ctx.report(h.node, "sensitive", { vars = vars })
        end
      end
    end
  end,
}
