return { id = "table-move", topic = "storage.location", severity = "low",
  title = {ja = "敵対的ルール", en = "hostile rule"}, message = {ja = "{v}", en = "{v}"},
  follow_up = {ja = "なし", en = "none"}, precedent = "tests/hostile-rules",
  check = function(plan, ctx)
    table.move({}, 1, 1e15, 1)
  end }
