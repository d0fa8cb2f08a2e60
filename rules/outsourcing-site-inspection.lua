-- outsourcing-site-inspection: a contractor keeps the city's personal data electronically on its
-- own premises or service, and the plan does not say the city will check how it is handled there
-- (実地調査, 監査, 報告の徴収).  A contract clause is only as good as the checking of it.  No council
-- minutes that asked this by name were read; the councils asked about the safety of where data is
-- kept (長岡京市 平成26年12月1日, 狛江市 令和2年10月19日), and the security rules of local bodies
-- give outsourcing its own chapter (龍ケ崎市情報セキュリティ対策に関する規程 第9章「外部委託セキュリ
-- ティ管理」).  low; medium for sensitive or children's data.  Quiet when outsourcing.audit is true
-- or the prose says the city inspects or audits the contractor.

local CHECKS = [[実地(?:調査|検査|確認)|立入(?:検査|調査)|現地(?:確認|調査)|監査|(?:取扱(?:い)?状況|管理状況)[^。]{0,10}(?:報告|確認|点検)|(?:報告|資料)(?:を|の)(?:求め|提出を求め|徴収)]]
local HELD = { contractor = true, lgwan_asp = true, government_data_center = true }

return {
  id        = "outsourcing-site-inspection",
  topic     = "outsourcing.responsibility",
  severity  = "low",
  title     = { ja = "受託者での取扱状況の確認（実地調査・監査）",
                en = "Checking how the contractor handles the data (inspections, audits)" },
  message   = { ja = "受託者（{contractor}）が「{what}」を自らの施設・サービスで保管する計画ですが、{body}が受託者での取扱状況を実地調査や監査で確認するかどうかが記載されていません。",
                en = "The contractor ({contractor}) keeps \"{what}\" on its own premises or service, but the plan does not say whether the public body inspects or audits how it is handled there." },
  follow_up = { ja = "受託者での個人情報の取扱状況を、定期的な報告の徴収と実地調査（又は監査）で確認することを記載してください（「{label:outsourcing.audit}」欄）。",
                en = "State that the public body checks the contractor's handling by regular reports and on-site inspections or audits (outsourcing.audit: true)." },
  precedent = "長岡京市情報公開・個人情報保護運営審議会 平成26年12月1日「データセンターでサーバを管理する人間による情報漏えいももちろんありますが」; 狛江市個人情報保護審議会 令和2年10月19日「情報の保管先の安全性は確保されているか」; 龍ケ崎市情報セキュリティ対策に関する規程（平成27年10月1日訓令第14号）第9章「外部委託セキュリティ管理」; 実地調査を名指しで問うた会議録は見当たらなかった",

  -- needs: check() returns without a contractor, or without a storage entry whose medium is electronic
  needs = { stated = { "outsourcing", "storage" }, words = { "electronic" } },

  check = function(plan, ctx)
    local list = common.outsourcings(plan)
    if #list == 0 then return end
    local held
    for _, s in ipairs(common.list(plan.storage)) do
      if s.medium == "electronic" and HELD[s.location] then held = s; break end
    end
    if not held then return end
    for _, o in ipairs(list) do
      if o.audit == true then return end
    end
    if tech.mentions(plan, CHECKS) then return end
    local o = list[1]
    local st = common.stakes(plan)
    ctx.report(o, "audit", { severity = st.high and "medium" or "low", vars = {
      contractor = o.contractor or "受託者", what = held.what or "データ", body = common.body(plan).ja } })
  end,
}
