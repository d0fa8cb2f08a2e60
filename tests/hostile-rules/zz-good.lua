return { id = "zz-good", topic = "storage.location", severity = "low",
  title = {ja = "敵対的ルール", en = "hostile rule"}, message = {ja = "{v}", en = "{v}"},
  follow_up = {ja = "なし", en = "none"}, precedent = "tests/hostile-rules",
  check = function(plan, ctx)
    local t = {}
    table.insert(t, ("ok"):upper())
    table.insert(t, tostring(string.find(plan.title or "", "HACKED", 1, true)))
    ctx.report(plan, "title", {vars = {v = table.concat(t, " ")}})
  end }
