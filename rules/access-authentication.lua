-- access-authentication: the data is reachable from the internet (cloud storage, internet
-- network, a platform) and users sign in with a password alone — or the plan does not say how
-- they sign in.  Children's accounts and 要配慮 data on the internet need more than a password.
--   password + exposure: low; medium for children / 要配慮
--   absent (the field, or the whole access section) + exposure + children / 要配慮: low question
-- The field comes first: a stated `password` is not undone by prose.  When the field is absent,
-- prose that names a stronger sign-in (多要素認証, ICカード, 生体認証, ワンタイムパスワード) answers.

-- The 議題(6) words 「LGWAN回線を利用しないため」 fit only a plan that does not use LGWAN.
local P_LGWAN = "地方公共団体における情報セキュリティポリシーに関するガイドライン（三層の対策・多要素認証）; 志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(6)「運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある」"
local STRONG = [[多要素|二要素|2要素|二段階|2段階|ワンタイムパスワード|ワンタイム|(?<![A-Za-z])MFA(?![A-Za-z])|ICカード|生体認証|顔認証|指紋認証|静脈認証|電子証明書|クライアント証明書|端末認証]]


return {
  id        = "access-authentication",
  topic     = "access.control",
  severity  = "low",
  title     = { ja = "インターネットから届くデータの認証が弱い・不明",
                en = "Weak or unstated authentication for data reachable from the internet" },
  message   = { ja = "{data}を{where}で扱いますが、{state}。",
                en = "The plan handles {data_en} via {where_en}, but {state_en}." },
  follow_up = { ja = "利用者の認証方式（多要素認証、ICカード等：「{label:access.authentication}」欄）、アカウントの発行・停止の手順、管理者権限の範囲を示してください。",
                en = "State how users authenticate (multi-factor, IC card…: access.authentication), how accounts are issued and closed, and who holds administrator rights." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(6)「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある」; 地方公共団体における情報セキュリティポリシーに関するガイドライン（三層の対策・多要素認証）; 狛江市個人情報保護審議会 令和2年10月19日 諮問「狛江市立図書館情報システム及び電子図書館の電子計算機処理による結合について」: 委員「ID・パスワードの共有化について」",

  -- needs: check() reports only when gov.exposure(plan): a storage entry whose location is cloud or network internet,
  -- a platforms list (its key is in the text), or a transfer by third_party_app / web_upload
  needs = { words = { "cloud", "internet", "platforms", "third_party_app", "web_upload" } },

  check = function(plan, ctx)
    local exposed, where, where_en = gov.exposure(plan)
    if not exposed then return end
    local lv, st = gov.level(plan)
    local a = common.obj(plan.access)
    local vars = { data = st.label_ja, data_en = st.label_en, where = where, where_en = where_en }
    local precedent = situation.uses_lgwan(plan) and P_LGWAN or nil
    if a and a.authentication == "password" then
      vars.state, vars.state_en = "認証はパスワードのみです", "sign-in is by password alone"
      ctx.report(a, "authentication", { severity = lv >= 1 and "medium" or "low", vars = vars, precedent = precedent })
    elseif (not a or a.authentication == nil) and lv >= 1 and not gov.find_claim(plan, STRONG) then
      -- (no access section at all must not do better than one that leaves the sign-in out)
      vars.state, vars.state_en = "利用者の認証方式が記載されていません", "the plan does not say how users sign in"
      ctx.report(a or plan, a and "authentication" or "access", { severity = "low", vars = vars, precedent = precedent })
    end
  end,
}
