-- disposal-device-deletion: storage devices or electronic records "disposed of" by deletion only.
-- Deleted files and formatted disks can be recovered (the 2019 Kanagawa prefecture case: leased
-- hard disks resold with taxpayer data).
--   devices: medium (high for 要配慮 data), cleared by destroying or overwriting them (method
--   physical_destruction / degauss / overwrite, or 「消去ソフトで上書き」「復元不可能な消去」 in
--   the plan's words);
--   electronic records deleted by the contractor: info (its certificate is disposal-certificate's
--   question), by someone unstated: low; one step up for 要配慮 data; cleared by a certificate.
-- Data held in a cloud service cannot be physically destroyed: it is asked how it is deleted
-- (backups included) and for the certificate or deletion report, never for physical destruction.
-- When disposal-certificate asks the same entry for its certificate (situation.certificate_asked),
-- this rule asks only how the data is made unrecoverable: one certificate is asked once.
local IRRECOVERABLE = [[上書き(?:消去)?|消去ソフト|データ消去ツール|復元(?:が)?(?:不可能|できない)|物理的に?(?:破壊|破砕)|物理破壊|磁気(?:的に?)?(?:破壊|消去)|消磁|暗号化消去|暗号鍵(?:を|の)?(?:破棄|消去|削除)]]

-- The same without the certificate, when disposal-certificate asks for it on the same entry
-- (situation.certificate_asked): one certificate, asked once.
local CLOUD_FOLLOW_UP_NO_CERT = {
  ja = "クラウドサービス上のデータは、契約終了時にバックアップを含めて削除する時期と方法を定めてください（削除したことの証明は、廃棄証明の指摘のとおり受けてください）。",
  en = "Set when and how the data in the cloud service is deleted at the end of the contract, backups included (the proof of deletion is the certificate asked for separately)." }
local DEVICE_FOLLOW_UP_NO_CERT = {
  ja = "機器の返却・廃棄時は、物理的破壊、磁気的破壊、または復元不可能な消去ソフトによる上書きを行い、職員が立ち会ってください（リース機器の返却を含む。証明書は廃棄証明の指摘のとおり）。",
  en = "When devices are returned or scrapped (leased equipment included), destroy them physically or magnetically, or overwrite with certified erasure software, with staff present (the certificate is asked for separately)." }
local CLOUD_MESSAGE_NO_CERT = {
  ja = "クラウドサービス上の電子データを「削除」で廃棄する計画ですが、削除の範囲（バックアップを含むか）と方法が示されていません。",
  en = "The data in the cloud service is to be deleted, but what is deleted (backups included?) and how are not stated." }
local CLOUD_MESSAGE = {
  ja = "クラウドサービス上の電子データを「削除」で廃棄する計画ですが、削除の範囲（バックアップを含むか）と、削除したことの証明が示されていません。",
  en = "The data in the cloud service is to be deleted, but what is deleted (backups included?) and how the deletion is evidenced are not stated." }
local CLOUD_FOLLOW_UP = {
  ja = "クラウドサービス上のデータは、契約終了時にバックアップを含めて削除する時期と方法を定め、消去証明または削除完了の報告（操作記録などの証跡）を受けてください（「{label:disposal.certificate}」欄）。",
  en = "Set when and how the data in the cloud service is deleted at the end of the contract, backups included, and obtain a certificate of erasure or a deletion report with its evidence (disposal certificate: true)." }

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

  -- needs: check() reports nothing without plan.disposal
  -- needs words: a disposal entry whose method is deletion
  needs = { stated = { "disposal" }, words = { "deletion" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    local in_cloud = situation.cloud_held(plan)
    local irrecoverable = situation.mentions(plan, IRRECOVERABLE) ~= nil
    for _, d in ipairs(common.list(plan.disposal)) do
      -- records deleted by the body from its own system are routine; a contractor's deletion
      -- (which the body cannot see) or a device leaving the body's hands is not
      if common.obj(d) and d.method == "deletion" and not irrecoverable then
        local device = d.medium == "device"
        local electronic = d.medium == "electronic" and d.by ~= "city" and d.certificate ~= true
        if device or electronic then
          local sev = device and "medium" or (d.by == "contractor" and "info" or "low")
          if st.sensitive then sev = common.sev_shift(sev, 1) end
          local opts = { severity = sev, vars = {
            what = device and "記録媒体・機器" or "電子データ", what_en = device and "The device" or "The electronic data" } }
          local cert_elsewhere = situation.certificate_asked(plan, d)
          if electronic and in_cloud then
            opts.message = cert_elsewhere and CLOUD_MESSAGE_NO_CERT or CLOUD_MESSAGE
            opts.follow_up = cert_elsewhere and CLOUD_FOLLOW_UP_NO_CERT or CLOUD_FOLLOW_UP
            opts.precedent = "志木市 令和2年度第3回 議題(1)「業者が処分した場合には溶解証明をいただく」" .. situation.PRE_ACT
          elseif cert_elsewhere then
            opts.follow_up = device and DEVICE_FOLLOW_UP_NO_CERT or {
              ja = "受託者が電子データを消去するときは、復元できない方法（消去ソフトによる上書き、暗号鍵の破棄など）と、バックアップを含む消去の範囲を定めてください（証明書は廃棄証明の指摘のとおり）。",
              en = "When the contractor erases the data, set a method that leaves nothing recoverable (overwriting software, destroying the keys) and what is erased, backups included (the certificate is asked for separately)." }
          end
          ctx.report(d, "method", opts)
        end
      end
    end
  end,
}
