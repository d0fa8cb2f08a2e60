-- rpa-robot-account: RPA logs in to the city's systems, with nothing said on the robot's account:
-- whose ID it uses, where its password is kept, what it may reach.  A robot using a staff
-- member's ID makes the access log useless and shares a password.  No council minutes on RPA were
-- found; the nearest is 狛江市の審議会 on shared IDs and passwords for a library system (「ID・
-- パスワードの共有化について」).  medium.  Quiet when the plan says the robot has its own account, how
-- its credentials are kept, or limits its rights.

local ACCOUNT = [[ロボット(?:用|専用)の?(?:ID|アカウント|利用者ID)|(?:RPA|ロボット)(?:用|専用)(?:の)?(?:ID|アカウント)|専用(?:の)?(?:ID|アカウント)|(?:ID|パスワード|認証情報)[^。]{0,15}(?:管理|保管|暗号化|定期的に変更|限定)|(?:権限|アクセス範囲)[^。]{0,10}(?:必要最小|限定|限る)]]

return {
  id        = "rpa-robot-account",
  topic     = "access.control",
  severity  = "medium",
  title     = { ja = "RPAのロボットが使うID・パスワードと権限",
                en = "The RPA robot's account, password and rights" },
  message   = { ja = "RPAでシステムを操作する計画ですが、ロボットが使うID（職員個人のIDを使うのか）、パスワードの保管方法、ロボットに与える権限が記載されていません。",
                en = "RPA operates the city's systems, but the plan does not say which ID the robot uses (a staff member's?), where its password is kept, or what rights it has." },
  follow_up = { ja = "ロボット専用のIDを設け、職員のIDを使わないこと、パスワード（認証情報）の保管と変更の方法、ロボットの権限を業務に必要な範囲に限ることを記載してください。",
                en = "State that the robot has its own ID (not a staff member's), how its password is stored and changed, and that its rights are limited to what the task needs." },
  precedent = "狛江市個人情報保護審議会 令和2年10月19日 諮問「狛江市立図書館情報システム及び電子図書館の電子計算機処理による結合について」: 委員「ID・パスワードの共有化について」; RPAそのものを扱った審議会の会議録は見当たらなかった",

  -- needs: every word of tech.RPA holds one of these; a transfer by method "rpa" holds "rpa"
  needs = { words = { "rpa", "ロボティック", "winactor", "ウィンアクター", "uipath", "bizrobo", "ソフトウェアロボット", "業務自動化ツール", "自動化シナリオ" } },

  check = function(plan, ctx)
    local node, key = tech.rpa(plan)
    if not node then return end
    if tech.mentions(plan, ACCOUNT) then return end
    ctx.report(node, key)
  end,
}
