-- devices-app-install: users may install apps on the devices.  The council: 「児童生徒が様々な
-- アプリケーションを入れることができ、個別のアプリケーションから情報の漏洩リスクがあるのでは
-- ないか」(議題(6)).
--   allowed: medium; high for children's devices that are not managed
--   absent: low question

return {
  id        = "devices-app-install",
  topic     = "devices.management",
  severity  = "medium",
  title     = { ja = "端末に利用者がアプリを入れられる",
                en = "Users may install apps on the devices" },
  message   = { ja = "{devices}について、{state}。",
                en = "{devices_en}: {state_en}." },
  follow_up = { ja = "アプリのインストールを管理者が許可したものに限る設定（集中制御）とするか、許可する場合の審査方法を示してください。",
                en = "Restrict installs to apps the administrator approves (central control), or state how apps are vetted." },
  precedent = "志木市 令和2年度第3回 議題(6)「児童生徒が様々なアプリケーションを入れることができ、個別のアプリケーションから情報の漏洩リスクがあるのではないか」",

  check = function(plan, ctx)
    local d = common.obj(plan.devices)
    if not d then return end
    local lv = gov.level(plan)
    local label = gov.device_label(d)
    local vars = { devices = label.ja, devices_en = label.en }
    if d.app_install == "allowed" then
      vars.state, vars.state_en = "利用者がアプリケーションを自由にインストールできます", "users may install apps freely"
      ctx.report(d, "app_install", { severity = (lv >= 1 and d.managed ~= true) and "high" or "medium", vars = vars })
    elseif d.app_install == nil then
      vars.state, vars.state_en = "アプリケーションのインストールを制限するかどうかが記載されていません", "the plan does not say whether app installs are restricted"
      ctx.report(d, "app_install", { severity = "low", vars = vars })
    end
  end,
}
