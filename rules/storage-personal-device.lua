-- storage-personal-device: personal data kept on a personal device (私物端末, a staff member's
-- own PC or phone), outside the body's control.  Raised to high for children's or sensitive data.
-- Cleared by what the follow-up asks when it cannot be moved: the device managed (devices.managed,
-- or MDM in the plan's words), the data encrypted (storage.encrypted, or 暗号化), remote wipe when
-- lost (遠隔消去・リモートワイプ) and erasure after the work (業務終了後に消去); some of them but
-- not all (two or more of the four) → one step down.
local MDM = [[(?<![A-Za-z])MDM(?![A-Za-z])|モバイルデバイス管理|端末管理(?:ツール|システム|サービス)|一元管理|集中(?:制御|管理)]]
local ENCRYPTED = [[暗号化]]
local WIPE = [[遠隔(?:消去|削除|ワイプ|初期化)|リモート(?:ワイプ|消去|削除|ロック)|遠隔ロック]]
local ERASE = [[(?:終了|完了|終わ|異動|退職|後)(?:後|時|した(?:とき|際)|の際)?(?:に|は)?.{0,12}?(?:消去|削除)|(?:消去|削除)(?:する|し)(?:こと)?(?:を)?(?:確認|報告)]]

return {
  id        = "storage-personal-device",
  topic     = "storage.location",
  severity  = "medium",
  title     = { ja = "個人の端末に個人情報を保存",
                en = "Personal data kept on a personal device" },
  message   = { ja = "「{what}」（{data}）を個人の端末に保存する計画です。{body}の管理が及ばず、紛失・盗難や私的な持出しの危険があります。{missing}",
                en = "\"{what}\" ({data_en}) is to be kept on a personal device, beyond {body_en}'s control and at risk of loss, theft or removal.{missing_en}" },
  follow_up = { ja = "{body}が管理する端末またはサーバーに保存先を改めてください。やむを得ない場合は、端末管理（MDM）、暗号化、紛失時の遠隔消去、業務終了後の消去を示してください。",
                en = "Keep it on a device or server {body_en} manages. If that cannot be done, state device management (MDM), encryption, remote wipe and erasure after the work." },
  precedent = "地方公共団体における情報セキュリティポリシーに関するガイドライン（総務省）「私物端末の業務利用」; 志木市 令和2年度第3回 議題(6)（端末の家庭での使用）" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.storage
  -- needs words: a storage entry whose location is personal_device
  needs = { stated = { "storage" }, words = { "personal_device" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    local managed = common.get(plan, "devices", "managed") == true or situation.says(plan, MDM) ~= nil
    local wipe = situation.mentions(plan, WIPE) ~= nil
    local erase = situation.mentions(plan, ERASE) ~= nil
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.location == "personal_device" then
        local encrypted = s.encrypted == true or (s.encrypted == nil and situation.says(plan, ENCRYPTED) ~= nil)
        local missing, missing_en = {}, {}
        local function need(ok, ja, en) if not ok then missing[#missing + 1], missing_en[#missing_en + 1] = ja, en end end
        need(managed, "端末管理（MDM）", "device management (MDM)")
        need(encrypted, "暗号化", "encryption")
        need(wipe, "紛失時の遠隔消去", "remote wipe")
        need(erase, "業務終了後の消去", "erasure after the work")
        if #missing > 0 then
          local sev = st.high and "high" or "medium"
          if #missing <= 2 then sev = common.sev_shift(sev, -1) end
          ctx.report(s, "location", { severity = sev, vars = common.with_body(plan, {
            what = common.answer(s.what) or "データ", data = st.label_ja, data_en = st.label_en,
            missing = "（記載のない対策：" .. table.concat(missing, "、") .. "）",
            missing_en = " (Not stated: " .. table.concat(missing_en, ", ") .. ".)" }) })
        end
      end
    end
  end,
}
