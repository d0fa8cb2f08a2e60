-- provision-legal-basis: a 目的外利用 or 外部提供 with no legal ground stated.  Since 2023 the Act
-- (第69条) allows use or provision beyond the purpose only in its listed cases (法令に基づく場合, 本人の
-- 同意, 相当の理由…); the councils' 答申 name the ground case by case (長岡京市 答申29-1 学校給食費
-- 管理システム, 答申29-2 固定資産税の所有者情報; 狛江市 報告 住民税非課税者の住民記録情報の目的外利用).
-- medium.  Quiet when consultation.basis is a real answer or the prose names the ground (法令・条
-- 文, 本人の同意, 第69条).

local GROUND = [[法(?:律)?第\d+条|第69条|第六十九条|法令に基づ|(?:本人|申請者|利用者)(?:の|から)?(?:同意|承諾)|同意(?:を得|書)|条例第\d+条|規則第\d+条|(?:特別措置法|措置法|児童福祉法|地方税法|住民基本台帳法|災害対策基本法|介護保険法|生活保護法|学校保健安全法)(?:第\d+条)?]]

return {
  id        = "provision-legal-basis",
  topic     = "data.controller",
  severity  = "medium",
  title     = { ja = "目的外利用・外部提供の根拠",
                en = "The legal ground for using or giving data beyond its purpose" },
  message   = { ja = "{kind}の計画ですが、その根拠（法令の規定、本人の同意など）が記載されていません。",
                en = "The plan is {kind_en}, but its legal ground (a provision of law, the person's consent…) is not stated." },
  follow_up = { ja = "目的外利用・外部提供の根拠を記載してください（「{label:consultation.basis}」欄、例: 「個人情報の保護に関する法律第69条第2項第3号（相当の理由）」「○○法第○条」「本人の同意（申請書に同意欄）」）。",
                en = "State the ground (consultation.basis, e.g. the Act on the Protection of Personal Information art. 69(2)(iii), a named statute, or the person's consent on the form)." },
  precedent = "個人情報の保護に関する法律 第69条（利用及び提供の制限）; 長岡京市情報公開・個人情報保護運営審議会 答申29-1「学校給食費管理システム稼働に伴う個人情報の目的外利用について」、答申29-2「市の事業…や苦情処理等の解決のための固定資産税の所有者の個人情報の目的外利用について」; 狛江市個人情報保護審議会 令和3年8月2日 報告事項イ「住民税非課税者の住民記録情報の目的外利用,外部提供…について」",

  -- needs: check() returns unless tech.provision(plan): consultation.kind holds one of these
  needs = { stated = { "consultation" }, words = { "external_provision", "purpose_external_use" } },

  check = function(plan, ctx)
    local yes, kind = tech.provision(plan)
    if not yes then return end
    local c = common.obj(plan.consultation)
    if c and common.answer(c.basis) then return end
    if tech.mentions(plan, GROUND) then return end
    local ja = kind == "external_provision" and "外部提供" or "目的外利用"
    local en = kind == "external_provision" and "a provision of data to others" or "a use of data beyond its purpose"
    ctx.report(c or plan, c and "basis" or "consultation", { vars = { kind = ja, kind_en = en } })
  end,
}
