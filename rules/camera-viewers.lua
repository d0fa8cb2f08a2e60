-- camera-viewers: a camera or recording plan that does not say who may view the footage.  Cameras
-- record everyone who passes; the councils asked who handles the images (京都府: 取扱担当者の指定;
-- 新座市・奈良県 consulted on cameras whose images reach a network or a vehicle's recorder).
-- low.  Quiet when access.staff or access.restriction is stated, or the prose names who views it
-- (管理責任者, 取扱担当者, 閲覧できる者).

local NAMED = [[管理責任者|取扱(?:い)?(?:担当)?者|閲覧(?:でき|可能な|は)[^。]{0,16}(?:者|職員|課長|担当)|閲覧者|視聴(?:でき|は)[^。]{0,16}(?:者|職員)]]

return {
  id        = "camera-viewers",
  topic     = "access.control",
  severity  = "low",
  title     = { ja = "録画映像を閲覧できる者",
                en = "Who may view the footage" },
  message   = { ja = "{what}を扱う計画ですが、録画映像を閲覧・取り出しできる者が記載されていません。",
                en = "The plan handles {what_en}, but does not say who may view or extract the footage." },
  follow_up = { ja = "映像を閲覧・取り出しできる者（管理責任者と取扱担当者、その人数）と、閲覧の記録を残すことを記載してください（「{label:access.staff}」欄と「{label:access.restriction}」欄）。",
                en = "State who may view or extract footage (the person responsible and the handlers, and how many) and that viewing is logged (access.staff, access.restriction)." },
  precedent = "京都府 防犯カメラ管理運用指針策定委員会 第2回（平成18年8月25日）「防犯カメラ管理運営上の配慮事項」; 新座市情報公開・個人情報保護審議会 令和元年度第1回（令和元年8月5日）諮問「新座駅南口駅前防犯カメラ設置に伴う外部電子計算組織との結合による個人情報の処理について」; 奈良県個人情報保護審議会 第95回（令和2年1月23日）県有自動車へのドライブレコーダーの設置",

  -- needs: every word of tech.CAMERA (and 映像・録画・動画 of an item's name) holds one of these
  needs = { words = { "カメラ", "ドライブレコーダー", "ドラレコ", "映像", "画像", "録画", "動画" } },

  check = function(plan, ctx)
    local node, key, word = tech.camera(plan)
    if not node then return end
    local a = common.obj(plan.access)
    if a and (common.num(a.staff) or common.answer(a.restriction)) then return end
    if tech.mentions(plan, NAMED) then return end
    if a then ctx.report(a, "staff", { vars = { what = word or "録画映像", what_en = "camera footage" } })
    else ctx.report(plan, "access", { vars = { what = word or "録画映像", what_en = "camera footage" } }) end
  end,
}
