-- network-internet-exposure: personal data kept where it is reached over the internet (network
-- "internet", or a cloud service with no network stated).  Under the 三層の対策 the city keeps
-- personal data in the 個人番号利用事務系 / LGWAN接続系, separated from the internet; the council
-- noted of GIGA 「LGWAN回線を利用しないため…情報漏洩リスクや懸念等が出てくる可能性がある」.
-- medium; high for children's or sensitive data.  The follow-up's safeguards clear it: strong
-- authentication and access logging take it one step down; with encryption in transit (a
-- transfer or storage entry encrypted, or 「通信を暗号化」「TLS」「VPN」) and a response to a leak
-- (operations.incident_response, or 「漏えい時の対応」) stated too, nothing is left to ask.
-- The GIGA remark fits a cloud service reached over the internet; an LGWAN-ASP service is reached
-- over LGWAN and a 三層分離 plan has its own segments, so those are cited the guideline alone.
-- A school's plan (situation.school: GIGA, 1人1台, 校務, or a school's own pupils) is asked what
-- 文部科学省's 教育情報セキュリティポリシーに関するガイドライン asks -- access control by the
-- data's importance class -- not for an exception to the municipal offices' 三層の対策.
local STRONG_AUTH = { two_factor = true, ic_card = true, biometric = true }
local STRONG_AUTH_TEXT = [[多要素認証|二要素認証|2要素認証|二段階認証|2段階認証|ICカード(?:による|で)?認証|生体認証]]
local TRANSIT = [[通信(?:を|の|は)?(?:暗号化|SSL|TLS)|(?<![A-Za-z])(?:TLS|SSL|HTTPS|VPN)(?![A-Za-z])|暗号化(?:された|した)?(?:通信|回線)]]
local LEAK = [[(?:漏えい|漏洩|流出|インシデント)(?:時|の際|が(?:生じ|発生)した(?:場合|際|とき))(?:の|には|は)?(?:対応|連絡|報告|手順)|インシデント対応|情報漏えい対応手順]]
local GUIDELINE = "地方公共団体における情報セキュリティポリシーに関するガイドライン（総務省）三層の対策"
-- Schools: national guidance only (no council was found asking it); read through
-- docs/precedents.md's sources.
local SCHOOL_GUIDELINE = "文部科学省「教育情報セキュリティポリシーに関するガイドライン」（平成29年10月18日策定、令和7年3月25日改訂：情報資産を重要性分類で分け、重要性分類Ⅱ以上の情報へのアクセスには多要素認証を含む強固なアクセス制御による対策を求める。国の指針）"
local SCHOOL_FOLLOW_UP = {
  ja = "学校の情報は、文部科学省「教育情報セキュリティポリシーに関するガイドライン」のとおり、ネットワークの分離ではなくアクセス制御による対策で守ることができます。扱う情報の重要性分類（成績・健康・指導・進路に関わる情報か）、教職員と児童生徒それぞれの認証（重要性分類Ⅱ以上の情報には多要素認証）、アクセス記録の取得と点検、通信の暗号化、情報漏えい時の対応を示してください。運用中に懸念が生じた場合は審議会に諮ってください。",
  en = "A school's data may be protected by access control rather than network separation, as 文部科学省's guideline on education information security policy says. State the data's importance class (grades, health, guidance, career?), how staff and pupils authenticate (multi-factor for class II and above), access logging and review, encryption in transit and the response to a leak. Bring concerns that arise in operation back to the council." }
-- Where the plan says why its data is on an internet-facing system (storage.network_reason or
-- its prose), the follow-up no longer asks for the reason.
local REASON_ASKED = {
  ja = "多要素認証、アクセス記録の取得と点検、通信の暗号化、情報漏えい時の対応を示してください。運用中に懸念が生じた場合は審議会に諮ってください。",
  en = "State multi-factor authentication, access logging and review, encryption in transit and the response to a leak. Bring concerns that arise in operation back to the council." }

return {
  id        = "network-internet-exposure",
  topic     = "network.separation",
  severity  = "medium",
  title     = { ja = "インターネットに接続された環境で個人情報を保管",
                en = "Personal data kept on an internet-facing system" },
  message   = { ja = "「{what}」（{data}）を{how}で保管する計画で、インターネットから分離されていません。",
                en = "\"{what}\" ({data_en}) is kept {how_en}, not separated from the internet." },
  follow_up = { ja = "インターネット分離（三層の対策）の例外とする理由（「{label:storage.network_reason}」の欄）、多要素認証、アクセス記録の取得と点検、通信の暗号化、情報漏えい時の対応を示してください。運用中に懸念が生じた場合は審議会に諮ってください。",
                en = "Explain why this is an exception to internet separation (the three-layer model; the field \"{label:storage.network_reason}\"), and state multi-factor authentication, access logging and review, encryption in transit and the response to a leak. Bring concerns that arise in operation back to the council." },
  precedent = "志木市 令和2年度第3回 議題(6)「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある」" .. situation.PRE_ACT .. "; " .. GUIDELINE .. "; 狛江市個人情報保護審議会 令和3年8月2日: 担当課「LGWANについては…閉鎖されたネットワークのため,個人情報等の漏えいのリスクは極めて低い環境である」",

  -- needs: check() reports only on a storage entry whose network is internet, or whose kind is cloud
  -- (location "cloud": situation.storage_kind)
  needs = { stated = { "storage" }, words = { "internet", "cloud" } },

  check = function(plan, ctx)
    -- (only an entry on the internet or in the cloud is asked about: the prose is read only for a
    -- plan that has one)
    local reached = false
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and s.medium ~= "paper" and (s.network == "internet" or s.location == "cloud") then reached = true; break end
    end
    if not reached then return end
    local st = common.stakes(plan)
    local access = common.obj(plan.access) or {}
    local strong = STRONG_AUTH[access.authentication] or situation.says(plan, STRONG_AUTH_TEXT) ~= nil
    local guarded = strong and access.logging == true
    local transit = situation.says(plan, TRANSIT) ~= nil
    for _, t in ipairs(common.list(plan.transfers)) do
      if t.encrypted == true then transit = true end
    end
    local leak = common.get(plan, "operations", "incident_response") == true or situation.says(plan, LEAK) ~= nil
    local asp = situation.lgwan_asp(plan)
    local school = situation.school(plan)
    local precedent = (asp or situation.three_tier(plan)) and GUIDELINE or nil
    if school then
      precedent = "志木市 令和2年度第3回 議題(6)「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある」" .. situation.PRE_ACT .. "; " .. SCHOOL_GUIDELINE
    end
    for _, s in ipairs(common.list(plan.storage)) do
      local kind = common.obj(s) and situation.storage_kind(s)
      local internet = s.network == "internet"
      -- a cloud entry with no network is taken to be reached over the internet, unless the plan
      -- says the service is on LGWAN-ASP
      local implied = situation.value(s.network) == nil and kind == "cloud" and not asp
      if common.obj(s) and s.medium ~= "paper" and (internet or implied) then
        local sev = st.high and "high" or "medium"
        local in_transit = transit or s.encrypted == true
        if guarded and in_transit and leak then sev = nil
        elseif guarded then sev = common.sev_shift(sev, -1) end
        if sev then
          local how = implied and "クラウド（インターネット経由で利用）" or "インターネットに接続された環境"
          local how_en = implied and "in the cloud (reached over the internet)" or "on an internet-connected system"
          local follow_up = school and SCHOOL_FOLLOW_UP
            or (situation.reason(plan, s, "network_reason", [[インターネット|三層|分離|クラウド]]) and REASON_ASKED) or nil
          ctx.report(s, internet and "network" or "location", { severity = sev, precedent = precedent, follow_up = follow_up,
            vars = common.with_body(plan, { what = common.answer(s.what) or "データ", data = st.label_ja, data_en = st.label_en,
                                            how = how, how_en = how_en }) })
        end
      end
    end
  end,
}
