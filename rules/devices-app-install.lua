-- devices-app-install: users may install apps on the devices.  The council: 「児童生徒が様々な
-- アプリケーションを入れることができ、個別のアプリケーションから情報の漏洩リスクがあるのでは
-- ないか」(議題(6)).
--   allowed: medium; high for children's devices that are not managed
--   absent: low question
-- Cleared by the follow-up's two alternatives: installs restricted (app_install blocked, or the
-- plan's words: 「集中制御によりインストールできないように設定」), or, when allowed, how apps are
-- vetted (「管理者が許可したアプリのみ」「審査の上で配信」).
local BLOCKED = [[インストール(?:が|は|を)?(?:でき(?:ない|ません)|不可|禁止|制限|させない|行えない)|集中制御|一括(?:配信|管理)(?:のみ|に限)]]
local VETTED = [[(?:許可|承認|審査)(?:した|された|済みの?|を経た)(?:アプリ|もの)|ホワイトリスト|許可リスト|審査(?:を経|の上|して|する)|管理者(?:が|の)(?:許可|承認|審査)]]

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
  precedent = "志木市 令和2年度第3回 議題(6)「児童生徒が様々なアプリケーションを入れることができ、個別のアプリケーションから情報の漏洩リスクがあるのではないか」「教育委員会の集中制御により、アプリケーションのインストールができないように設定しておく予定」" .. situation.PRE_ACT,

  -- needs: check() returns at once without plan.devices
  needs = { stated = { "devices" } },

  check = function(plan, ctx)
    local d = common.obj(plan.devices)
    if not d then return end
    local lv = gov.level(plan)
    local label = gov.device_label(d)
    local vars = { devices = label.ja, devices_en = label.en }
    if situation.value(d.app_install) == "allowed" and not situation.mentions(plan, VETTED) then
      vars.state, vars.state_en = "利用者がアプリケーションを自由にインストールできます", "users may install apps freely"
      ctx.report(d, "app_install", { severity = (lv >= 1 and situation.value(d.managed) ~= true) and "high" or "medium", vars = vars })
    elseif situation.value(d.app_install) == nil and not situation.mentions(plan, BLOCKED) and not situation.mentions(plan, VETTED) then
      vars.state, vars.state_en = "アプリケーションのインストールを制限するかどうかが記載されていません", "the plan does not say whether app installs are restricted"
      ctx.report(d, "app_install", { severity = "low", vars = vars })
    end
  end,
}
