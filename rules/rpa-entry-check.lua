-- rpa-entry-check: RPA enters or updates data in a system, with nothing said on how what the robot
-- entered is checked.  A robot repeats a wrong step on every record.  志木市の審議会 asked that a data
-- migration be checked by more than one person (「属人的な管理では不安である。複数の職員での確認」);
-- a robot's input is the same kind of bulk entry.  No council minutes on RPA were found.  medium.
-- Quiet when the RPA transfer states a verification (transfers[].verification.staff / .how), or the
-- prose says the robot's results are checked (突合, 照合, 処理結果を確認, 実行ログを確認).

local CHECKED = [[突合|照合|(?:処理|実行|入力|登録)(?:結果|ログ|内容)[^。]{0,12}(?:確認|点検|チェック)|(?:確認|点検|チェック)(?:を|は)?[^。]{0,6}(?:職員|担当者)[^。]{0,8}(?:行う|する)|抽出検査|全件(?:確認|チェック)]]
local ENTERS = [[入力|登録|転記|更新|反映|取り?込]]

return {
  id        = "rpa-entry-check",
  topic     = "verification.single_person",
  severity  = "medium",
  title     = { ja = "RPAが入力した内容の確認",
                en = "Checking what the RPA robot entered" },
  message   = { ja = "RPAでデータを入力・登録する計画ですが、ロボットが入力した内容を誰がどのように確認するかが記載されていません。",
                en = "RPA enters or registers data, but the plan does not say who checks what the robot entered, or how." },
  follow_up = { ja = "ロボットの処理結果（実行ログ・入力件数・エラー）を職員が確認する方法と人数を記載してください（「{label:transfers.verification.staff}」欄と「{label:transfers.verification.how}」欄、例: 「処理結果を職員2名が原票と突合する」）。",
                en = "State how and by how many staff the robot's results (run log, counts, errors) are checked (transfers[].verification.staff and how, e.g. two staff compare the results with the source)." },
  precedent = "志木市 令和2年度第3回 議題(2)「システムへのデータ移行時、担当職員が作業を確認するとなっているが、属人的な管理では不安である。複数の職員での確認…」; RPAを扱った審議会の会議録は見当たらず、同種の一括入力として準用",

  -- needs: every word of tech.RPA holds one of these; a transfer by method "rpa" holds "rpa"
  needs = { words = { "rpa", "ロボティック", "winactor", "ウィンアクター", "uipath", "bizrobo", "ソフトウェアロボット", "業務自動化ツール", "自動化シナリオ" } },

  check = function(plan, ctx)
    local node, key = tech.rpa(plan)
    if not node then return end
    if key == "method" then
      local v = common.obj(node.verification)
      if v and ((common.num(v.staff) or 0) >= 1 or common.answer(v.how)) then return end
    else
      local f = tech.says(plan, "(?:" .. tech.RPA .. ")[^。]{0,30}(?:" .. ENTERS .. ")|(?:" .. ENTERS .. ")[^。]{0,20}(?:" .. tech.RPA .. ")")
      if not f then return end
    end
    if tech.mentions(plan, CHECKED) then return end
    ctx.report(node, key)
  end,
}
