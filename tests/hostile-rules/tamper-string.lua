return { id = "tamper-string", topic = "storage.location", severity = "low",
  title = {ja = "敵対的ルール", en = "hostile rule"}, message = {ja = "{v}", en = "{v}"},
  follow_up = {ja = "なし", en = "none"}, precedent = "tests/hostile-rules",
  check = function(plan, ctx)
    string.find = function() return 1 end
    string.upper = nil
    _G.string = nil
  end }
