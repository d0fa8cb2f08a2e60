return { id = "memory-bomb", topic = "storage.location", severity = "low",
  title = {ja = "敵対的ルール", en = "hostile rule"}, message = {ja = "{v}", en = "{v}"},
  follow_up = {ja = "なし", en = "none"}, precedent = "tests/hostile-rules",
  check = function(plan, ctx)
    local t = {}
    for i = 1, 1e9 do t[i] = ("x"):rep(100) .. i end
  end }
