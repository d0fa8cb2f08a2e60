-- access-authentication: the data is reachable from the internet (cloud storage, internet
-- network, a platform) and users sign in with a password alone — or the plan does not say how
-- they sign in.  Children's accounts and 要配慮 data on the internet need more than a password.
--   password + exposure: low; medium for children / 要配慮
--   absent + exposure + children / 要配慮: low question

return {
  id        = "access-authentication",
  topic     = "access.control",
  severity  = "low",
  title     = { ja = "インターネットから届くデータの認証が弱い・不明",
                en = "Weak or unstated authentication for data reachable from the internet" },
  message   = { ja = "{data}を{where}で扱いますが、{state}。",
                en = "The plan handles {data_en} via {where_en}, but {state_en}." },
  follow_up = { ja = "利用者の認証方式（多要素認証、ICカード等）、アカウントの発行・停止の手順、管理者権限の範囲を示してください。",
                en = "State how users authenticate (multi-factor, IC card…), how accounts are issued and closed, and who holds administrator rights." },
  precedent = "志木市 令和2年度第3回 議題(6)「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある」; 地方公共団体における情報セキュリティポリシーに関するガイドライン（三層の対策・多要素認証）",

  check = function(plan, ctx)
    local exposed, where, where_en = gov.exposure(plan)
    if not exposed then return end
    local lv, st = gov.level(plan)
    local a = common.obj(plan.access)
    local vars = { data = st.label_ja, data_en = st.label_en, where = where, where_en = where_en }
    if a and a.authentication == "password" then
      vars.state, vars.state_en = "認証はパスワードのみです", "sign-in is by password alone"
      ctx.report(a, "authentication", { severity = lv >= 1 and "medium" or "low", vars = vars })
    elseif a and a.authentication == nil and lv >= 1 then
      vars.state, vars.state_en = "利用者の認証方式が記載されていません", "the plan does not say how users sign in"
      ctx.report(a, "authentication", { severity = "low", vars = vars })
    end
  end,
}
