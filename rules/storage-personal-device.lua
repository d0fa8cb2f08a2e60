-- storage-personal-device: personal data kept on a personal device (私物端末, a staff member's
-- own PC or phone), outside the city's control.  Raised to high for children's or sensitive data.
return {
  id        = "storage-personal-device",
  topic     = "storage.location",
  severity  = "medium",
  title     = { ja = "個人の端末に個人情報を保存",
                en = "Personal data kept on a personal device" },
  message   = { ja = "「{what}」（{data}）を個人の端末に保存する計画です。市の管理が及ばず、紛失・盗難や私的な持出しの危険があります。",
                en = "\"{what}\" ({data_en}) is to be kept on a personal device, beyond the city's control and at risk of loss, theft or removal." },
  follow_up = { ja = "市が管理する端末またはサーバーに保存先を改めてください。やむを得ない場合は、端末管理（MDM）、暗号化、紛失時の遠隔消去、業務終了後の消去を示してください。",
                en = "Keep it on a device or server the city manages. If that cannot be done, state device management (MDM), encryption, remote wipe and erasure after the work." },
  precedent = "地方公共団体における情報セキュリティポリシーに関するガイドライン（総務省）「私物端末の業務利用」; 志木市 令和2年度第3回 議題(6)（端末の家庭での使用）",

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      if s.location == "personal_device" then
        ctx.report(s, "location", { severity = st.high and "high" or "medium",
          vars = { what = s.what or "データ", data = st.label_ja, data_en = st.label_en } })
      end
    end
  end,
}
