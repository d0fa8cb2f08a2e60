-- camera-footage-retention: a camera or recording plan (防犯カメラ, ドライブレコーダー, 顔画像) that does
-- not say how long the footage is kept, or keeps it longer than a month.  京都府の指針策定委員会:
-- 「最大でも1ヶ月、プライバシーの保護の観点からはなるべく早く消去される方が良い」; 西東京市の答申は
-- 映像データを「一定期間保管すること」を認めた.  medium when not stated or over 31 days (no higher
-- for a longer period: leaving the retention out would then score better).  Quiet when a retention (for the footage, or the plan's only one) is
-- at most 31 days, or the prose says the recording is overwritten within 31 days (「7日間で上書き」).

local FOOTAGE = [[映像|録画|画像|動画|記録データ|カメラ]]
local OVERWRITE = [[(\d+)\s*(日|週間|か月|ヶ月|ケ月|カ月|箇月)[^。]{0,20}(?:上書き|自動(?:的に)?(?:消去|削除))|(?:上書き|自動(?:的に)?(?:消去|削除))[^。]{0,12}?(\d+)\s*(日|週間|か月|ヶ月|ケ月|カ月|箇月)]]

local function to_days(n, unit)
  n = tonumber(n)
  if not n then return nil end
  if unit == "日" then return n end
  if unit == "週間" then return n * 7 end
  return n * 30
end

-- The retention that covers the footage: one whose `what` names it, else the only one.
local function footage_retention(plan)
  local list = common.retentions(plan)
  for _, r in ipairs(list) do
    if type(r.what) == "string" and hogo.test(common.text(r.what), FOOTAGE) then return r end
  end
  if #list == 1 and common.answer(list[1].what) == nil then return list[1] end
  return nil
end

-- Days the prose says the recording is kept before it is overwritten, or nil.
local function overwrite_days(plan)
  if not hogo.test(tech.joined(plan), OVERWRITE) then return nil end
  for _, f in ipairs(gov.prose(plan)) do
    local m, n1, u1, n2, u2 = hogo.match(f.text, OVERWRITE)
    if m then
      local n = (n1 and n1 ~= "") and n1 or n2
      local u = (u1 and u1 ~= "") and u1 or u2
      return to_days(n, u)
    end
  end
  return nil
end

return {
  id        = "camera-footage-retention",
  topic     = "retention.period",
  severity  = "medium",
  title     = { ja = "録画映像の保存期間",
                en = "How long camera footage is kept" },
  message   = { ja = "{what}を扱う計画ですが、{problem}",
                en = "The plan handles {what_en}, but {problem_en}" },
  follow_up = { ja = "録画映像の保存期間を必要最小限（1か月以内、例: 7日間で自動上書き）とし、「{label:retention}」欄に「録画映像」の保存期間として記載してください。事故・事件で保存を延長する場合は、その手続も示してください。",
                en = "Keep the footage no longer than needed (a month at most, e.g. overwritten after 7 days) and state it in retention as the footage's period. If footage is kept longer after an incident, say how that is decided." },
  precedent = "京都府 防犯カメラ管理運用指針策定委員会 第2回（平成18年8月25日）「『最大1ヶ月以内で必要最小限度』とすればどうか…プライバシーの保護の観点からはなるべく早く消去される方が良い」; 西東京市個人情報保護審議会 答申（平成28年7月28日 28西審個議第9号）ドライブレコーダーの「映像データを一定期間保管すること」を認める; 長岡京市 答申29-4「公用車のドライブレコーダー設置に伴う個人情報の収集について」; 愛西市情報公開審査会 諮問（平成27年1月23日 26愛西総第294号）「公用車ドライブレコーダーの設置及び管理運用に関する事務」（収集の範囲「容姿、容貌、車両番号」）",

  -- needs: every word of tech.CAMERA (and 映像・録画・動画 of an item's name) holds one of these
  needs = { words = { "カメラ", "ドライブレコーダー", "ドラレコ", "映像", "画像", "録画", "動画" } },

  check = function(plan, ctx)
    local node, key, word = tech.camera(plan)
    if not node then return end
    local what = word or "録画映像"
    local od = overwrite_days(plan)
    if od and od <= 31 then return end
    local r = footage_retention(plan)
    if r == nil or common.answer(r.period) == nil then
      local at, at_key = plan, "retention"
      if r then at, at_key = r, "period" end
      ctx.report(at, at_key, { vars = { what = what, what_en = "camera footage",
        problem = "録画映像の保存期間が記載されていません。", problem_en = "how long the footage is kept is not stated." } })
      return
    end
    local days = hogo.days(common.text(r.period))
    if days and days >= 0 and days <= 31 then return end
    ctx.report(r, "period", { vars = { what = what, what_en = "camera footage",
      problem = "録画映像の保存期間（" .. common.text(r.period) .. "）が1か月を超えています。",
      problem_en = "the footage is kept for " .. common.text(r.period) .. ", more than a month." } })
  end,
}
