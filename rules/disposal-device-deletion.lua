-- disposal-device-deletion: storage devices or electronic records "disposed of" by deletion only.
-- Deleted files and formatted disks can be recovered (the 2019 Kanagawa prefecture case: leased
-- hard disks resold with taxpayer data).  Devices: medium (high for 要配慮 data); electronic
-- records deleted by the contractor (or by someone unstated): info (low for 要配慮 data).
return {
  id        = "disposal-device-deletion",
  topic     = "disposal.method",
  severity  = "medium",
  title     = { ja = "記録媒体を削除だけで廃棄",
                en = "Storage media disposed of by deletion only" },
  message   = { ja = "{what}を「削除」で廃棄する計画です。削除や初期化だけではデータを復元できる場合があります。",
                en = "{what_en} is to be disposed of by deletion; deleted or formatted data can often be recovered." },
  follow_up = { ja = "機器の返却・廃棄時は、物理的破壊、磁気的破壊、または復元不可能な消去ソフトによる上書きを行い、職員が立ち会うか消去証明を受けてください（リース機器の返却を含む）。",
                en = "When devices are returned or scrapped (leased equipment included), destroy them physically or magnetically, or overwrite with certified erasure software, with staff present or a certificate." },
  precedent = "地方公共団体における情報セキュリティポリシーに関するガイドライン（総務省）「記録媒体の廃棄」; 神奈川県 行政文書を記録したハードディスクの流出事案（2019年）",

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, d in ipairs(common.list(plan.disposal)) do
      -- records deleted by the city from its own system are routine; a contractor's deletion
      -- (which the city cannot see) or a device leaving the city's hands is not
      if d.method == "deletion" and (d.medium == "device" or (d.medium == "electronic" and d.by ~= "city")) then
        local device = d.medium == "device"
        local sev = device and "medium" or "info"
        if st.sensitive then sev = common.sev_shift(sev, 1) end
        ctx.report(d, "method", { severity = sev, vars = {
          what = device and "記録媒体・機器" or "電子データ", what_en = device and "The device" or "The electronic data" } })
      end
    end
  end,
}
