-- camera-signage: a fixed camera plan (防犯カメラ, 監視カメラ) that does not say how people are told
-- they are being filmed.  京都府の委員会: 「防犯カメラを設置しているという表示は大切」.  low.
-- Drive recorders are asked the same (a sticker on the vehicle).  Quiet when the prose mentions a
-- sign (表示, ステッカー, 看板, 掲示) or public notice of where the cameras are (設置場所を周知・公表).

local SIGN = [[表示|ステッカー|看板|掲示|標識|プレート|設置場所[^。]{0,10}(?:周知|公表|公開)|撮影中]]

return {
  id        = "camera-signage",
  topic     = "operations.rules",
  severity  = "low",
  title     = { ja = "撮影していることの表示",
                en = "Telling people they are being filmed" },
  message   = { ja = "{what}を設置する計画ですが、撮影していることを表示・周知する方法が記載されていません。",
                en = "The plan installs {what_en}, but does not say how people are told they are being filmed." },
  follow_up = { ja = "カメラの設置場所や車両に「防犯カメラ作動中」などの表示（ステッカー・看板）をすること、設置場所を公表することを記載してください。",
                en = "State that signs (stickers, boards: 「防犯カメラ作動中」) are put up where the cameras or vehicles are, and that the camera locations are published." },
  precedent = "京都府 防犯カメラ管理運用指針策定委員会 第2回（平成18年8月25日）「トラブル防止のため、防犯カメラを設置しているという表示は大切」; 羽村市個人情報保護審議会 平成25年度第1回（平成25年5月22日）審議3「羽村市防犯カメラ設置運営要綱に基づく防犯カメラ設置運用について」",

  -- needs: every word of tech.CAMERA (and 映像・録画・動画 of an item's name) holds one of these
  needs = { words = { "カメラ", "ドライブレコーダー", "ドラレコ", "映像", "画像", "録画", "動画" } },

  check = function(plan, ctx)
    local node, key, word = tech.camera(plan)
    if not node then return end
    if word and hogo.test(word, [[顔画像|映像データ|画像データ|録画映像|記録映像]]) then
      -- footage named, but no camera installed by this plan: only a camera plan is asked
      if not tech.says(plan, [[カメラ|ドライブレコーダー|ドラレコ]]) then return end
    end
    if tech.mentions(plan, SIGN) then return end
    ctx.report(node, key, { vars = { what = word or "カメラ", what_en = "cameras" } })
  end,
}
