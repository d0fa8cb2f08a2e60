-- devices-not-stated: the plan hands out devices (1人1台, タブレット端末を配布・貸与) but has no
-- devices section, so nobody can tell whether they are managed, locked down or taken home.
-- medium (a likely condition): a plan that states its devices is held to their management
-- (devices-home-use, devices-unmanaged, devices-app-install: medium and up), so leaving the
-- section out must not do better.  devices: null stays quiet.

local HANDOUT = [[(?:1人1台|一人一台|タブレット|iPad|Chromebook|スマートフォン|スマホ|ノートPC|ノートパソコン|モバイル端末|携帯端末|端末)(?:[^。]{0,12})(?:配布|貸与|貸出|貸し出|配備|整備|支給|持ち帰)]]

return {
  id        = "devices-not-stated",
  topic     = "devices.management",
  severity  = "medium",
  title     = { ja = "配布する端末の管理が記載されていない",
                en = "Devices handed out, but their management is not stated" },
  message   = { ja = "「{quote}」とありますが、端末の管理（MDM、アプリの制限、持ち帰り）が記載されていません。",
                en = "The plan says \"{quote}\" but does not describe how the devices are managed (MDM, app restrictions, home use)." },
  follow_up = { ja = "端末の種類と台数、一元管理（MDM）の有無、アプリのインストール制限、持ち帰りの有無を「{label:devices}」欄に記載してください。",
                en = "State the kind and number of devices, central management (MDM), app-install restrictions and home use (devices)." },
  precedent = "志木市 令和2年度第3回 議題(6)「端末は、学校のみで使用するのか」「アプリケーションのインストールができないように設定しておく予定」",

  -- needs: check() reports only where the prose says HANDOUT, whose first part is one of these
  -- (モバイル端末, 携帯端末: 端末)
  needs = { prose = { "1人1台", "一人一台", "タブレット", "ipad", "chromebook", "スマートフォン", "スマホ", "ノートpc",
                      "ノートパソコン", "端末" } },

  check = function(plan, ctx)
    if plan.devices ~= nil then return end
    local f = gov.find_claim(plan, HANDOUT)
    if not f then return end
    ctx.report(plan, "devices", { vars = { quote = gov.quote(f, HANDOUT) } })
  end,
}
