-- camera-police-requests: a camera or recording plan that does not say how requests for the footage
-- from the police or others are answered.  豊中市の運営委員会 was given 「警察機関から提出を求められた
-- 場合…どういう場合に提出を求められて出すか整理したもの」; 京都府の委員会: 「令状などを前提とした画像
-- 提供の方法に厳しく限定すべき」; 長岡京市は要領第6条第2項による外部提供を審議会に報告している.
-- medium.  Quiet when the prose says how requests are handled (捜査関係事項照会, 令状, 文書による照会,
-- 提供依頼書) or that footage is given to no one.

local ANSWERED = [[捜査関係事項照会|令状|差押|提出命令|提供依頼書|照会書|文書(?:による|での|で)(?:照会|依頼|請求)|書面(?:による|での|で)(?:照会|依頼|請求)|法令に基づ[^。]{0,10}(?:照会|提供|場合)|(?:映像|画像|録画|データ)[^。]{0,12}(?:第三者|外部|警察)[^。]{0,8}提供(?:しない|しません|は行わない)]]

return {
  id        = "camera-police-requests",
  topic     = "operations.rules",
  severity  = "medium",
  title     = { ja = "録画映像の提供（警察等からの照会）の手続",
                en = "How requests for footage (from the police and others) are answered" },
  message   = { ja = "{what}を扱う計画ですが、警察などから映像の提供を求められたときに、どのような場合に、どの手続で提供するかが記載されていません。",
                en = "The plan handles {what_en}, but does not say when and how footage is given to the police or others who ask for it." },
  follow_up = { ja = "映像を提供する場合を要綱で定め（例: 捜査関係事項照会書など文書による照会・令状がある場合、人の生命・身体の保護に緊急の必要がある場合に限る）、提供の記録を残すことを記載してください。提供しない場合は「映像は第三者に提供しない」と記載してください。",
                en = "Set out in the operating rules when footage is given (e.g. only on a written inquiry such as a 捜査関係事項照会書 or a warrant, or in an emergency to protect life), and that each provision is recorded. If footage is never given, say so." },
  precedent = "豊中市情報公開・個人情報保護運営委員会 平成21年度第1回（平成21年12月9日）議題1「防犯カメラによって撮影された個人情報の取扱いについて」: 事務局「警察機関から提出を求められた場合…どういう場合に提出を求められて出すか整理したもの」; 京都府 防犯カメラ管理運用指針策定委員会 第2回（平成18年8月25日）「礼状などを前提とした画像提供の方法に厳しく限定すべきという意見」; 長岡京市情報公開・個人情報保護運営審議会 令和2年9月18日 報告「街頭防犯カメラ設置及び管理運用要領第6条第2項による防犯カメラ記録映像の外部提供について」",

  -- needs: every word of tech.CAMERA (and 映像・録画・動画 of an item's name) holds one of these
  needs = { words = { "カメラ", "ドライブレコーダー", "ドラレコ", "映像", "画像", "録画", "動画" } },

  check = function(plan, ctx)
    local node, key, word = tech.camera(plan)
    if not node then return end
    if tech.mentions(plan, ANSWERED) then return end
    ctx.report(node, key, { vars = { what = word or "録画映像", what_en = "camera footage" } })
  end,
}
