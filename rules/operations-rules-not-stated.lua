-- operations-rules-not-stated: the body's own staff run a system, devices, a platform or handle
-- 要配慮 data, and the plan does not say under which operating rules.  medium for systems,
-- devices and platforms the body runs: rules still in draft are a condition in the seed
-- (議題(2) 「庁内の運用体制を次回審議会時に報告してほしい」, operations-rules-not-in-force), and
-- saying nothing must not do better than saying "drafting".  low (a question) when only the
-- data is sensitive (the work itself is the contractor's, whose rules the outsourcing rules ask
-- about) or when only devices are handed out (the devices rules ask for their management).
-- operations: null (stated: not applicable) stays quiet, and so does prose naming the rules
-- (「〇〇運用要綱に基づき運用する」「運用マニュアルを作成中」) in the operations review, the
-- description or the purpose.
local RULES_PROSE = [[要綱|要領|運用規程|運用規定|運用基準|運用(?:ルール|マニュアル|手順書)|取扱(?:い)?(?:規程|規定|要領|基準|マニュアル)|事務処理(?:要領|マニュアル)|マニュアル]]

return {
  id        = "operations-rules-not-stated",
  topic     = "operations.rules",
  severity  = "medium",
  title     = { ja = "運用ルール（要綱）の有無が記載されていない",
                en = "Operating rules not stated" },
  message   = { ja = "{why}が、職員がどのような要綱・運用規程のもとで運用するのかが記載されていません。",
                en = "{why_en}, but the plan does not say under which operating rules staff run it." },
  follow_up = { ja = "運用の根拠となる要綱・運用規程が施行済みか作成中かを「{label:operations.rules}」欄に記載し、取り扱う職員・手順・点検の方法を示してください。",
                en = "State in operations.rules whether the operating rules are in force (in_force) or in draft (drafting), and who handles the data, how, and how it is checked." },
  precedent = "志木市 令和2年度第3回 議題(2)「市の職員が運用する部分についてもセキュリティ管理が求められる」（2023年4月の法施行前の審議）; 個人情報の保護に関する法律 第66条（安全管理措置）; 羽村市個人情報保護審議会 平成25年5月22日 審議3「羽村市防犯カメラ設置運営要綱に基づく防犯カメラ設置運用について」; 長岡京市 令和2年9月18日 報告「長岡京市街頭防犯カメラ設置及び管理運用要領第6条第2項による防犯カメラ記録映像の外部提供について」",

  check = function(plan, ctx)
    if hogo.is_null(plan.operations) then return end
    local op = common.obj(plan.operations)
    if op and op.rules ~= nil then return end
    if gov.find_claim(plan, RULES_PROSE) or gov.find_claim(plan, RULES_PROSE, "hypothetical") then return end
    local why, why_en
    local sev = "medium"
    local b = common.body(plan)
    if common.has_kind(plan, "system") or common.has_kind(plan, "online_link") then
      why, why_en = b.ja .. "がシステムを運用します", b.en:sub(1, 1):upper() .. b.en:sub(2) .. " runs the system"
    elseif common.obj(plan.devices) then
      sev = "low"   -- devices alone: a question (the devices rules ask for their management)
      why, why_en = "端末を配布して運用します", b.en:sub(1, 1):upper() .. b.en:sub(2) .. " hands out and runs devices"
    elseif #common.list(plan.platforms) > 0 then
      why, why_en = "外部プラットフォームで住民からの申請等を受け付けます", b.en:sub(1, 1):upper() .. b.en:sub(2) .. " takes applications through a third-party platform"
    else
      local lv = gov.level(plan)
      if lv < 2 then return end
      -- only the data is sensitive (e.g. an outsourced service): a lighter question
      why, why_en, sev = "要配慮個人情報を扱います", "Sensitive personal data is handled", "low"
    end
    if op then
      ctx.report(op, "rules", { severity = sev, vars = { why = why, why_en = why_en } })
    else
      ctx.report(plan, "operations", { severity = sev, vars = { why = why, why_en = why_en } })
    end
  end,
}
