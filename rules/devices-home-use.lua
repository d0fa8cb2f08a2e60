-- devices-home-use: the devices leave the office or school (持ち帰り・家庭での使用): home Wi-Fi,
-- loss on the way, family members using them.  The council: 「端末は、学校のみで使用するのか」
-- 「家庭での使用も想定している」(議題(6)).
--   home_use true: medium; high when the devices are not managed or apps may be installed
--   absent on portable devices (tablet, smartphone): low question
--   home_use false: nothing
-- The plan's words count when the field is not given (「学校のみで使用」「持ち帰らない」 = false;
-- 「家庭での使用も想定」 = true).  The follow-up's safeguards clear it: filtering off-site, what is
-- done when a device is lost (連絡・遠隔ロック), no use by family members, no personal data kept on
-- the device; two or three of the four → one step down.
local AT_SCHOOL = [[(?:学校|庁舎|庁内|職場)(?:内)?(?:のみ|だけ|に限)(?:で|って)?(?:使用|利用)|持ち帰(?:らない|りは?(?:禁止|しない|させない|不可))|(?:校外|庁外)(?:へ|に)?(?:の)?持ち出(?:さない|し(?:は|を)?(?:禁止|しない|させない|不可))]]
local AT_HOME = [[家庭での(?:使用|利用)|持ち帰(?:り|って|る)|自宅(?:で|での)(?:使用|利用|学習)]]
local SAFEGUARDS = {
  { re = [[フィルタリング|接続先(?:の)?制限|有害サイト]], ja = "接続先の制限（フィルタリング）", en = "filtering" },
  { re = [[紛失|盗難|遠隔ロック|リモートロック]], ja = "紛失・盗難時の対応", en = "loss or theft" },
  { re = [[家族|本人以外(?:の|が)|第三者(?:の|が)(?:利用|使用)]], ja = "家族等による利用の禁止", en = "no use by family members" },
  { re = [[(?:端末|本体)(?:内|の中)?(?:に|へ)(?:は)?(?:個人情報|データ)(?:を)?(?:保存|保管|残)(?:しない|させない|さない)|(?:端末|本体)に(?:は)?保存しない|クラウド上に(?:のみ)?保存]], ja = "端末内に個人情報を保存しない設定", en = "no personal data on the device" },
}

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
  precedent = "志木市 令和2年度第3回 議題(6)「端末は、学校のみで使用するのか」「端末のWifi設定が可能であり、家庭での使用も想定している」" .. situation.PRE_ACT,

  -- needs: check() returns at once without plan.devices
  needs = { stated = { "devices" } },

  check = function(plan, ctx)
    local d = common.obj(plan.devices)
    if not d then return end
    local label = gov.device_label(d)
    local vars = { devices = label.ja, devices_en = label.en }
    local home = situation.value(d.home_use)
    if home == nil then
      if situation.mentions(plan, AT_SCHOOL) then home = false
      elseif situation.says(plan, AT_HOME) then home = true end
    end
    if home == true then
      local missing, missing_en = {}, {}
      for _, g in ipairs(SAFEGUARDS) do
        if not situation.mentions(plan, g.re) then missing[#missing + 1], missing_en[#missing_en + 1] = g.ja, g.en end
      end
      if #missing == 0 then return end
      vars.state = "家庭など庁舎・学校の外での使用を想定しています（記載のない対策：" .. table.concat(missing, "、") .. "）"
      vars.state_en = "they are meant to be used at home or elsewhere off-site (not stated: " .. table.concat(missing_en, ", ") .. ")"
      local weak = situation.value(d.managed) == false or situation.value(d.app_install) == "allowed"
      local sev = weak and "high" or "medium"
      if #missing <= 2 then sev = common.sev_shift(sev, -1) end
      ctx.report(d, "home_use", { severity = sev, vars = vars })
    elseif home == nil and (d.kind == "tablet" or d.kind == "smartphone") then
      vars.state, vars.state_en = "持ち帰って使用するかどうかが記載されていません", "the plan does not say whether they are taken home"
      ctx.report(d, "home_use", { severity = "low", vars = vars })
    end
  end,
}
