return { id = "io-open", topic = "storage.location", severity = "low",
  title = {ja = "敵対的ルール", en = "hostile rule"}, message = {ja = "{v}", en = "{v}"},
  follow_up = {ja = "なし", en = "none"}, precedent = "tests/hostile-rules",
  check = function(plan, ctx)
    local f = io.open("/etc/passwd")
  end }
