-- tests/text-fields/text-fields-probe.lua -- not a council rule: the text_fields ctest's probe.
-- common.text_fields is walked in C (hogo.text_fields); common.text_fields_lua is the
-- reference.  On every plan this compares the two entry by entry -- the same node (the very
-- table), key, normalised text and field name, in the same order -- and reports any
-- difference ("mismatch"), or a C walk that declined a plan ("declined": the reference then
-- answers, which is right only for plans of an odd shape).
return {
  id = "text-fields-probe", topic = "storage.location", severity = "info",
  title = { ja = "text_fields の比較", en = "text_fields compared" },
  message = { ja = "{what}", en = "{what}" },
  follow_up = { ja = "なし", en = "none" }, precedent = "none: a test probe",
  check = function(plan, ctx)
    local a, b = hogo.text_fields(plan), common.text_fields_lua(plan)
    if a == nil then
      ctx.report(nil, nil, { vars = { what = "declined" } })
      return
    end
    for i = 1, math.max(#a, #b) do
      local x, y = a[i], b[i]
      local why
      if not x or not y then why = "length " .. #a .. " vs " .. #b
      elseif not rawequal(x.node, y.node) then why = "node " .. hogo.path(x.node) .. " vs " .. hogo.path(y.node)
      elseif x.key ~= y.key then why = "key " .. tostring(x.key) .. " vs " .. tostring(y.key)
      elseif x.text ~= y.text then why = "text " .. x.text .. " vs " .. y.text
      elseif x.field ~= y.field then why = "field " .. x.field .. " vs " .. y.field end
      if why then
        ctx.report(nil, nil, { vars = { what = "mismatch at entry " .. i .. ": " .. why } })
        return
      end
    end
  end,
}
