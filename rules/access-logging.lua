-- access-logging: access to the records is not logged (logging false), or — for children's,
-- 要配慮 or victims' data — the plan does not say whether it is.  Without a log nobody can tell
-- afterwards who looked at a child's case file.
--   false: low; medium for children / 要配慮; high for victims or sensitive data about children
--   absent: low question for 要配慮 / victims only — also when the whole access section is
--   missing or null (saying less must not do better than saying 「ログを取得しない」)
-- The field comes first; when it is absent, prose that says access is logged (操作ログを取得,
-- アクセス記録を保存) answers.

local LOGGED = [[(?:アクセス|操作|閲覧|利用|参照)(?:の)?(?:ログ|記録|履歴)|ログ(?:を)?(?:取得|記録|保存|保管|点検|確認)|証跡]]


return {
  id        = "access-logging",
  topic     = "access.control",
  severity  = "medium",
  title     = { ja = "アクセスログを取得しない",
                en = "Access is not logged" },
  message   = { ja = "{data}へのアクセスについて、{state}。",
                en = "Access to {data_en}: {state_en}." },
  follow_up = { ja = "誰がいつどの記録を閲覧・更新したかのログを取得し（「{label:access.logging}」欄）、定期的に点検する担当と頻度を示してください。",
                en = "Log who viewed or changed which record and when (access.logging: true), and state who reviews the log and how often." },
  precedent = "志木市 令和2年度第3回 議題(2)（2021年2月17日、2023年4月の法施行前の審議）「市の職員が運用する部分についてもセキュリティ管理が求められる」; 地方公共団体における情報セキュリティポリシーに関するガイドライン（アクセス記録の取得）",

  check = function(plan, ctx)
    local a = common.obj(plan.access)
    local lv, st = gov.level(plan)
    local vars = { data = st.label_ja, data_en = st.label_en }
    if not a then
      if lv >= 2 and common.personal_data(plan) and not gov.find_claim(plan, LOGGED) then
        vars.state, vars.state_en = "閲覧できる職員とログの取得が記載されていません（「" .. hogo.label("access") .. "」欄）", "the plan says nothing of who may see it or whether access is logged (access)"
        ctx.report(plan, "access", { severity = "low", vars = vars })
      end
    elseif a.logging == false then
      vars.state, vars.state_en = "ログを取得しない計画です", "the plan keeps no access log"
      local sev = ({ [0] = "low", [1] = "medium", [2] = "medium", [3] = "high" })[lv]
      ctx.report(a, "logging", { severity = sev, vars = vars })
    elseif a.logging == nil and lv >= 2 and not gov.find_claim(plan, LOGGED) then
      vars.state, vars.state_en = "ログを取得するかどうかが記載されていません", "the plan does not say whether access is logged"
      ctx.report(a, "logging", { severity = "low", vars = vars })
    end
  end,
}
