-- devices-home-use: the devices leave the office or school (持ち帰り・家庭での使用): home Wi-Fi,
-- loss on the way, family members using them.  The council: 「端末は、学校のみで使用するのか」
-- 「家庭での使用も想定している」(議題(6)).
--   home_use true: medium; high when the devices are not managed or apps may be installed
--   absent on portable devices (tablet, smartphone): low question
--   home_use false: nothing

return {
  id        = "devices-home-use",
  topic     = "devices.management",
  severity  = "medium",
  title     = { ja = "端末を家庭・庁外で使用する",
                en = "Devices are used at home or outside the office" },
  message   = { ja = "{devices}について、{state}。",
                en = "{devices_en}: {state_en}." },
  follow_up = { ja = "持ち帰りの際の接続先の制限（フィルタリング）、紛失・盗難時の連絡と遠隔ロック、家族等による利用の禁止、端末内に個人情報を保存しない設定を示してください。",
                en = "State how connections are filtered off-site, what happens when a device is lost or stolen (reporting, remote lock), that family members may not use it, and that personal data is not kept on the device." },
  precedent = "志木市 令和2年度第3回 議題(6)「端末は、学校のみで使用するのか」「端末のWifi設定が可能であり、家庭での使用も想定している」",

  check = function(plan, ctx)
    local d = common.obj(plan.devices)
    if not d then return end
    local label = gov.device_label(d)
    local vars = { devices = label.ja, devices_en = label.en }
    if d.home_use == true then
      vars.state, vars.state_en = "家庭など庁舎・学校の外での使用を想定しています", "they are meant to be used at home or elsewhere off-site"
      local weak = d.managed == false or d.app_install == "allowed"
      ctx.report(d, "home_use", { severity = weak and "high" or "medium", vars = vars })
    elseif d.home_use == nil and (d.kind == "tablet" or d.kind == "smartphone") then
      vars.state, vars.state_en = "持ち帰って使用するかどうかが記載されていません", "the plan does not say whether they are taken home"
      ctx.report(d, "home_use", { severity = "low", vars = vars })
    end
  end,
}
