-- transfer-notice-content: a notice to a resident (an e-mail telling a parent their child entered
-- the after-school club, a call to a relative when a sensor raises an alert, a letter inviting a
-- resident to a check-up) is not a bulk data move, and LGWAN or an encrypted USB stick is no remedy
-- for it (transfer-unencrypted leaves notices alone).  What a council asks of a notice is what the
-- message contains -- as little as possible: 「お知らせがあります」 and no name or health detail --,
-- to which address it goes and how a wrong address is prevented, and how the resident signs up for
-- it and stops it.  Each question is read where it is answered: transfers[].content,
-- .address_check, .consent, and the plan's prose.  low; medium when the message may carry
-- children's or 要配慮 data and what it says is not stated.  No council minutes asking these of a
-- notice were found; the questions follow 個人情報保護法 第66条 (安全管理措置: a message to the wrong
-- address is a leak) and 第61条 (no more than the purpose needs) -- national law, cited as such.

-- The message kept to a bare notice, or said to leave names and health out.
local MINIMAL = [[(?:氏名|名前|個人名|健康|病名|症状|体調|詳細|内容|個人を特定)[^。\n]{0,16}?(?:記載し(?:ない|ません)|書か(?:ない|ず)|含め(?:ない|ず)|載せ(?:ない|ず)|記さ(?:ない|ず)|伏せ|省)|「[^」]{0,20}お知らせ[^」]{0,10}」(?:と|の)?(?:み|だけ)|(?:件名|お知らせ)(?:のみ|だけ)|詳細は[^。\n]{0,20}?(?:マイページ|ログイン|窓口|電話|アプリ|確認)|最小限]]
-- How the address is made sure of.
local ADDRESS = [[誤送信|誤送付|誤配|宛先(?:の)?(?:確認|照合|チェック)|宛名(?:の)?(?:確認|照合)|BCC|登録確認|確認メール|テスト(?:送信|配信)|(?:複数|2名|二人|2人)(?:の職員)?で(?:確認|照合)|ダブルチェック|本人確認|(?:アドレス|宛先|電話番号|番号)(?:を|の)?[^。\n]{0,10}?(?:確認|照合|読み合わせ|復唱)]]
-- How the resident signs up for it and stops it.
local CONSENT = [[同意|希望(?:する|した)?(?:者|人|方|保護者|家族)|希望者|申し込|申込|申し出|申出|登録(?:した|を受け|制)|配信停止|停止(?:でき|を申し出|の申出|する)|解除|オプトアウト|opt-?in|オプトイン]]

local METHOD_JA = { email = "電子メール", encrypted_email = "電子メール", phone = "電話", postal_mail = "郵送",
                    courier = "宅配", third_party_app = "アプリ" }
local METHOD_EN = { email = "e-mail", encrypted_email = "e-mail", phone = "phone", postal_mail = "post",
                    courier = "courier", third_party_app = "an app" }

-- one question per gap, each saying where it is answered
local ASK = {
  content = { ja = "本文に書くこと（「お知らせがあります」程度にとどめ、氏名や健康状態などを書かないか）を「" .. hogo.label("transfers.content") .. "」欄に",
              en = "what the message says (a bare notice, no names or health details) in transfers[].content" },
  address = { ja = "どの宛先に送り、誤った宛先への送信をどう防ぐか（登録時の確認、送信前の複数人での確認等）を「" .. hogo.label("transfers.address_check") .. "」欄に",
              en = "which address it goes to and how a wrong address is prevented (confirmed at sign-up, checked by two people) in transfers[].address_check" },
  consent = { ja = "本人（保護者・家族）がどう申し込み、どう止められるかを「" .. hogo.label("transfers.consent") .. "」欄に",
              en = "how the resident (parent, relative) signs up and how they stop it in transfers[].consent" },
}

-- the field's answer, else the transfer's own words, else the plan's prose
local function answered(plan, t, key, re)
  if common.answer(t[key]) then return true end
  if hogo.test(situation.words(t.what, common.get(t, "verification", "how")), re, "i") then return true end
  return situation.mentions(plan, re) ~= nil
end

return {
  id        = "transfer-notice-content",
  topic     = "transfer.method",
  severity  = "low",
  title     = { ja = "住民へのお知らせの内容・宛先・同意",
                en = "A notice to residents: what it says, where it goes, who asked for it" },
  message   = { ja = "「{what}」（{from}→{to}、{method}）は住民へのお知らせです。{missing}が記載されていません。",
                en = "\"{what}\" ({from} → {to}, by {method_en}) is a notice to a resident; {missing_en} not stated." },
  follow_up = { ja = "{asks}示してください。",
                en = "State {asks_en}." },
  precedent = "個人情報の保護に関する法律 第66条（安全管理措置: 宛先を誤った送信は漏えい）・第61条（保有の制限: 利用目的に必要な範囲）（国の法令。お知らせについて審議会が問うた議事録は見当たらず）",

  -- needs: check() walks plan.transfers and nothing else
  -- needs words: situation.notice: a transfer of kind notice, or whose what says NOTICE
  -- (お知らせ: 知らせ)
  needs = { stated = { "transfers" }, words = { "notice", "通知", "知らせ", "連絡", "案内", "リマインド", "リマインダ", "アラート", "メッセージ", "呼びかけ",
                                                    "勧奨", "催告", "督促", "配信" } },

  check = function(plan, ctx)
    local st
    for _, t in ipairs(common.list(plan.transfers)) do
      if situation.notice(t) then
        local gaps, ja, en, asks, asks_en = {}, {}, {}, {}, {}
        if not answered(plan, t, "content", MINIMAL) then gaps[#gaps + 1] = "content" end
        if not answered(plan, t, "address_check", ADDRESS) then gaps[#gaps + 1] = "address" end
        if not answered(plan, t, "consent", CONSENT) then gaps[#gaps + 1] = "consent" end
        if #gaps > 0 then
          st = st or common.stakes(plan)
          local names = { content = { "本文の内容", "what it says" }, address = { "宛先の確認", "how the address is made sure of" },
                          consent = { "本人の申込みと停止", "how it is asked for and stopped" } }
          for _, g in ipairs(gaps) do
            ja[#ja + 1], en[#en + 1] = names[g][1], names[g][2]
            asks[#asks + 1], asks_en[#asks_en + 1] = ASK[g].ja, ASK[g].en
          end
          local m = situation.value(t.method)
          local sev = (gaps[1] == "content" and st.high) and "medium" or "low"
          ctx.report(t, gaps[1] == "content" and "content" or (gaps[1] == "address" and "address_check" or "consent"), {
            severity = sev, vars = {
            what = common.answer(t.what) or "お知らせ", from = t.from or "?", to = t.to or "?",
            method = METHOD_JA[m] or "通知", method_en = METHOD_EN[m] or "a message",
            missing = table.concat(ja, "・"), missing_en = table.concat(en, ", ") .. (#en > 1 and " are" or " is"),
            asks = table.concat(asks, "、"), asks_en = table.concat(asks_en, "; ") } })
        end
      end
    end
  end,
}
