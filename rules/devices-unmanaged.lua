-- devices-unmanaged: devices handed to staff, pupils or residents are not centrally managed (MDM),
-- or the plan does not say.  Without MDM a lost tablet cannot be locked or wiped and settings
-- cannot be enforced.  The council relied on 「教育委員会の集中制御」(議題(6)).
--   managed false: medium; high when the devices go home or hold children's data
--   managed absent: low question
-- The plan's words count when the field is not given (「MDMで一元管理」「集中制御」).  Cleared by the
-- follow-up's alternative too: what replaces MDM -- remote lock or wipe when lost and enforced
-- settings or updates.
local MDM = [[(?<![A-Za-z])MDM(?![A-Za-z])|モバイルデバイス管理|一元管理|集中(?:制御|管理)]]
local WIPE = [[遠隔(?:ロック|消去|削除|初期化)|リモート(?:ロック|ワイプ|消去)]]
local ENFORCE = [[(?<![A-Za-z])OS(?:の)?(?:更新|アップデート)|アップデート(?:を)?(?:強制|管理|適用)|設定(?:を|の)?(?:強制|固定|一括|制限)|セキュリティ更新]]

return {
  id        = "devices-unmanaged",
  topic     = "devices.management",
  severity  = "medium",
  title     = { ja = "端末が一元管理（MDM）されていない",
                en = "Devices are not centrally managed (MDM)" },
  message   = { ja = "{devices}について、{state}。",
                en = "{devices_en}: {state_en}." },
  follow_up = { ja = "MDM等による一元管理（設定の強制、紛失時の遠隔ロック・消去、OS更新）を行うか、行わない場合の代わりの措置を示してください。",
                en = "State whether the devices are centrally managed (enforced settings, remote lock and wipe when lost, OS updates) or what replaces it." },
  precedent = "志木市 令和2年度第3回 議題(6)「教育委員会の集中制御により、アプリケーションのインストールができないように設定しておく予定」" .. situation.PRE_ACT .. "; 文部科学省「教育情報セキュリティポリシーに関するガイドライン」",

  -- needs: check() returns at once without plan.devices
  needs = { stated = { "devices" } },

  check = function(plan, ctx)
    local d = common.obj(plan.devices)
    if not d then return end
    local lv = gov.level(plan)
    local label = gov.device_label(d)
    local vars = { devices = label.ja, devices_en = label.en }
    local managed = situation.value(d.managed)
    if managed == nil and situation.says(plan, MDM) then managed = true end
    if managed ~= true and situation.mentions(plan, WIPE) and situation.mentions(plan, ENFORCE) then return end
    if managed == false then
      vars.state, vars.state_en = "一元管理（MDM）を行わない計画です", "they are not centrally managed"
      ctx.report(d, "managed", { severity = (situation.value(d.home_use) == true or lv >= 1) and "high" or "medium", vars = vars })
    elseif managed == nil then
      vars.state, vars.state_en = "一元管理（MDM）を行うかどうかが記載されていません", "the plan does not say whether they are centrally managed"
      ctx.report(d, "managed", { severity = "low", vars = vars })
    end
  end,
}
