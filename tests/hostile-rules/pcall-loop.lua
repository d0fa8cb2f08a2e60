return { id = "pcall-loop", topic = "storage.location", severity = "low",
  title = {ja = "敵対的ルール", en = "hostile rule"}, message = {ja = "{v}", en = "{v}"},
  follow_up = {ja = "なし", en = "none"}, precedent = "tests/hostile-rules",
  check = function(plan, ctx)
    pcall(function() while true do end end)
    ctx.report(plan, nil, {vars = {v = "escaped"}})
  end }
