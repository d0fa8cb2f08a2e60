-- storage-cloud: personal data kept in a cloud service.  The council: 「クラウドにするのであれば
-- 再検討が必要だが、市の庁舎内で管理しているのであれば問題ない」(議題(2)).  What makes it worse:
-- children's or 要配慮 data, an overseas or unknown region, no ISMAP registration, no encryption.
--
-- Each thing the follow-up asks for is read from the structured field first, then from the
-- entry's own words and the plan's prose (「国内リージョン」「ISMAP登録済み」), and never asked
-- again once stated:
--   region not domestic, ISMAP not registered / not stated, not encrypted → medium (+1 children's
--   or sensitive data, +1 overseas);
--   only the provider unnamed, or (children's / sensitive data) encryption or who may access it
--   not shown → low;  everything shown → nothing.
-- A "why" it asks is read where it is answered (situation.reason): storage.ismap_reason,
-- region_reason, encryption_reason, or a sentence of the entry's what/service/provider or the
-- plan's purpose/description naming the matter with a reason.  ISMAP not registered with the
-- reason written, or no encryption with the reason written, is no longer asked; overseas with
-- its reason written still asks the country and its safeguards, one step lower.
-- ガバメントクラウド (location gov_cloud, or a cloud entry naming it) is domestic and its services
-- are ISMAP-registered by design: only encryption and access still make sense there.  An LGWAN-ASP
-- service is reached over LGWAN, not the internet; it is asked the same questions as a cloud
-- service except ISMAP (not required of LGWAN-ASP).

-- prose that states what a field would: a domestic region, ISMAP registration, encryption
local DOMESTIC = [[国内(?:の)?(?:リージョン|データセンター|データセンタ|サーバ|拠点)|日本国内|東京リージョン|大阪リージョン|国内に(?:保存|保管)]]
local OVERSEAS = [[海外(?:の)?(?:リージョン|データセンター|サーバ)|国外(?:に|の)]]
local ISMAP = [[ISMAP(?:に|へ)?(?:登録|の登録|クラウドサービスリスト|認定|掲載)|ISMAP登録]]
local ENCRYPTED = [[暗号化(?:して|し|する|した|された)?(?:保存|保管)|保存(?:時|データ)?(?:を|の|は)?暗号化|暗号化]]
local ACCESS = [[アクセス(?:権限|でき|を|は|制限)|閲覧(?:でき|権限)|多要素|二要素]]

local function prose(plan, s, re)
  if gov.claim(situation.words(s.what), re) == "claimed" then return true end
  return situation.says(plan, re) ~= nil
end

-- what the plan says of the region: "domestic" / "overseas" / "unknown" / nil
local function region(plan, s, kind)
  if kind == "gov_cloud" or kind == "lgwan_asp" then return s.region == "overseas" and "overseas" or "domestic" end
  if s.region == "domestic" or s.region == "overseas" then return s.region end
  if prose(plan, s, OVERSEAS) then return "overseas" end
  if prose(plan, s, DOMESTIC) then return "domestic" end
  return s.region == "unknown" and "unknown" or nil
end

-- ISMAP: true / false / nil (not stated); LGWAN-ASP and ガバメントクラウド are not asked
local function ismap(plan, s, kind)
  if kind == "gov_cloud" or kind == "lgwan_asp" then return true end
  if s.ismap == true or s.ismap == false then return s.ismap end
  if prose(plan, s, ISMAP) then return true end
  return nil
end

local function encrypted(plan, s)
  if s.encrypted == true or s.encrypted == false then return s.encrypted end
  if prose(plan, s, ENCRYPTED) then return true end
  return nil
end

-- who may reach it: access.restriction answered, logging, or strong authentication, or prose
local function access_shown(plan)
  local a = common.obj(plan.access) or {}
  if common.answer(a.restriction) or a.logging == true then return true end
  if a.authentication == "two_factor" or a.authentication == "ic_card" or a.authentication == "biometric" then return true end
  return situation.says(plan, ACCESS) ~= nil
end

local KIND_JA = { cloud = "クラウド", gov_cloud = "ガバメントクラウド", lgwan_asp = "LGWAN-ASPのサービス" }
local KIND_EN = { cloud = "the cloud", gov_cloud = "the Government Cloud", lgwan_asp = "an LGWAN-ASP service" }

return {
  id        = "storage-cloud",
  topic     = "storage.location",
  severity  = "medium",
  title     = { ja = "個人情報をクラウドに保存",
                en = "Personal data stored in the cloud" },
  message   = { ja = "「{what}」（{data}）を{where}（{provider}）に保存する計画です。{problems}",
                en = "\"{what}\" ({data_en}) is to be stored in {where_en} ({provider}). {problems_en}" },
  follow_up = { ja = "次のうち記載のないものを示してください：{asks}。{reason_at}児童や要配慮個人情報をクラウドに置く場合は、暗号化とアクセスできる者の限定を示してください。",
                en = "State what is missing of: {asks_en}. {reason_at_en}For children's or sensitive data, show encryption and who may access it." },
  precedent = "志木市 令和2年度第3回 議題(2)「クラウドにするのであれば再検討が必要だが、市の庁舎内で管理しているのであれば問題ない」; 議題(6)（Google Driveへの保存）" .. situation.PRE_ACT .. "; 政府情報システムのためのセキュリティ評価制度（ISMAP）; 長岡京市情報公開・個人情報保護運営審議会 平成26年12月1日 諮問「図書館システムについて」: 担当「事前調査の対象とした数社においては、データセンターをすべて国内に置いています」、委員「データセンターでサーバを管理する人間による情報漏えいももちろんありますが…」; 狛江市個人情報保護審議会 令和4年1月17日 諮問ウ「戸籍システムのクラウドサービスの導入における保有個人情報の外部提供…について」",

  -- needs: check() reports nothing without plan.storage
  -- needs words: situation.storage_kind cloud, gov_cloud or lgwan_asp: that location, or a service
  -- named LGWAN-ASP or GOV_CLOUD (see network-gov-cloud)
  needs = { stated = { "storage" }, words = { "cloud", "lgwan", "gov", "ガバメント", "ガバクラ" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, s in ipairs(common.list(plan.storage)) do
      local kind = common.obj(s) and situation.storage_kind(s)
      if kind == "cloud" or kind == "gov_cloud" or kind == "lgwan_asp" then
        local major, minor = {}, {}      -- {ja, en, ask_ja, ask_en}
        local r = region(plan, s, kind)
        local abroad_why = r == "overseas" and situation.reason(plan, s, "region_reason", OVERSEAS .. [[|海外|国外|リージョン]])
        if r == "overseas" and abroad_why then
          -- the reason is written: still a question of where, but no longer "why"
          major[#major + 1] = { "データの所在が海外です（理由：「" .. gov.excerpt(abroad_why, 30) .. "」）", "the data sits overseas (a reason is given)",
                                "所在国と、その国の制度のもとでの安全管理措置", "the country, and the safeguards under its laws" }
        elseif r == "overseas" then
          major[#major + 1] = { "データの所在が海外です", "the data sits overseas", "国内で保管できない理由と所在国", "why it cannot stay in Japan, and the country", "storage.region_reason" }
        elseif r ~= "domestic" then
          major[#major + 1] = { "データの所在国（リージョン）が" .. (r == "unknown" and "不明です" or "記載されていません"),
                                "the region is " .. (r == "unknown" and "unknown" or "not stated"),
                                "データの所在国（国内リージョンか）", "the country where the data sits (a domestic region?)" }
        end
        local i = ismap(plan, s, kind)
        -- ISMAP not registered: the reason is read where it is written (storage.ismap_reason, or
        -- the entry's or the plan's own words); once given, the council has its answer
        if i == false and not situation.reason(plan, s, "ismap_reason", [[ISMAP]]) then
          major[#major + 1] = { "ISMAPに登録されていないサービスです", "the service is not ISMAP-registered", "ISMAP登録サービスとしない理由", "why an unregistered service", "storage.ismap_reason" }
        elseif i == nil then
          major[#major + 1] = { "ISMAP登録の有無が記載されていません", "ISMAP registration is not stated", "ISMAP登録の有無", "ISMAP registration" }
        end
        local e = encrypted(plan, s)
        if e == false and not situation.reason(plan, s, "encryption_reason", [[暗号化]]) then
          major[#major + 1] = { "暗号化しない計画です", "the data is not encrypted", "暗号化と鍵の管理、または暗号化しない理由", "encryption and key management, or why not", "storage.encryption_reason" }
        end
        local provider = common.answer(s.service) or common.answer(s.provider)
        if not provider and kind ~= "gov_cloud" then
          local raw = type(s.service) == "string" and s.service or s.provider
          minor[#minor + 1] = { type(raw) == "string" and ("事業者・サービス名が示されていません（「" .. gov.excerpt(raw, 20) .. "」）")
                                or "事業者・サービス名が記載されていません",
                                "the provider and service are not named", "クラウド事業者とサービス名", "the provider and service" }
        end
        if st.high then
          if e == nil then
            minor[#minor + 1] = { "暗号化が記載されていません", "encryption is not stated", "暗号化と鍵の管理", "encryption and key management" }
          end
          if not access_shown(plan) then
            minor[#minor + 1] = { "アクセスできる者が示されていません", "who may access it is not shown", "アクセスできる者", "who can access it" }
          end
        end
        local sev
        if #major > 0 then
          sev = "medium"
          if st.high then sev = common.sev_shift(sev, 1) end
          if r == "overseas" and not abroad_why then sev = common.sev_shift(sev, 1) end
        elseif #minor > 0 then
          sev = "low"
        end
        if sev then
          local ja, en, aj, ae = {}, {}, {}, {}
          local at, at_en = {}, {}         -- the fields where the reasons asked are written
          for _, list in ipairs({ major, minor }) do
            for _, p in ipairs(list) do
              ja[#ja + 1], en[#en + 1], aj[#aj + 1], ae[#ae + 1] = p[1], p[2], p[3], p[4]
              if p[5] then
                at[#at + 1] = "「" .. hogo.label(p[5]) .. "」"
                at_en[#at_en + 1] = "\"" .. hogo.label(p[5], "en") .. "\""
              end
            end
          end
          local joined = table.concat(en, "; ")
          ctx.report(s, "location", { severity = sev, vars = common.with_body(plan, {
            what = common.answer(s.what) or "データ", provider = provider or (kind == "gov_cloud" and "国が調達するクラウドサービス" or "事業者未記載"), data = st.label_ja, data_en = st.label_en,
            where = KIND_JA[kind], where_en = KIND_EN[kind],
            problems = table.concat(ja, "。") .. "。",
            problems_en = joined:sub(1, 1):upper() .. joined:sub(2) .. ".",
            asks = table.concat(aj, "、"), asks_en = table.concat(ae, ", "),
            reason_at = #at > 0 and ("理由は保存場所の" .. table.concat(at) .. "の欄か、概要に書いてください。") or "",
            reason_at_en = #at > 0 and ("Write the reasons in the storage entry's " .. table.concat(at_en, ", ") .. " or in the description. ") or "" }) })
        end
      end
    end
  end,
}
