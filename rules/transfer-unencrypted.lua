-- transfer-unencrypted: personal data moved by plain USB memory or e-mail (or a web upload
-- not stated to be encrypted).  The council accepted the migration because it used 暗号化USB
-- (議題(2)); a plain USB stick or e-mail is the textbook leak.  high; critical with 要配慮
-- data.  E-mail with an encrypted attachment (password ZIP) is low: the password usually
-- travels the same way, and is cleared by sending it another way (「パスワードは別送」).  A web
-- upload with no word on encryption is low, cleared by encrypted: true or 「TLS」「暗号化通信」.
-- A transfer with no method but 「USB」「メール」 in its text counts too.
-- A notice to a resident (situation.notice) is transfer-notice-content's, not this rule's.
-- The remedy fits the move: between the segments of 三層分離 (インターネット接続系 → LGWAN接続系)
-- data goes through 無害化 (method sanitization), not LGWAN.
local METHOD_EN = { usb = "a USB memory stick", email = "e-mail", web_upload = "web upload" }
local PASSWORD_APART = [[パスワード(?:は|を)?.{0,12}?(?:別送|別の?(?:経路|手段|メール|方法)|電話|後送|別途通知|郵送)]]
local TRANSIT = [[(?<![A-Za-z])(?:TLS|SSL|HTTPS)(?![A-Za-z])|暗号化(?:された|した)?(?:通信|回線|接続)|通信(?:を|の|は)?暗号化]]
local SEGMENT_FOLLOW_UP = {
  ja = "三層分離のセグメント間の移動は、無害化（「{label:transfers.method}」欄の「無害化」）を経て行い、USBメモリや電子メールでの持ち込みはやめてください。",
  en = "Move data between the segments of the three-layer separation through sanitization (method: sanitization), not by USB stick or e-mail." }
local GUIDELINE = "地方公共団体における情報セキュリティポリシーに関するガイドライン（総務省）三層の対策（無害化）"

-- method named only in prose: 「USBメモリで受け渡し」「メールで送付」
local function prose_method(t)
  local text = situation.words(t.what, common.get(t, "verification", "how"))
  if hogo.test(text, [[暗号化]]) then return nil end
  if hogo.test(text, [[USB]], "i") then return "usb" end
  if hogo.test(text, [[メール|e-?mail]], "i") then return "email" end
  return nil
end

-- the transfer's own words and the plan's prose fields, for what clears the milder findings
local function text_of(t, plan)
  local parts = { situation.words(t.what), situation.words(common.get(t, "verification", "how")) }
  for _, f in ipairs(gov.prose(plan)) do
    if not situation.placeholder(f.text) then parts[#parts + 1] = f.text end
  end
  return table.concat(parts, "\n")
end

return {
  id        = "transfer-unencrypted",
  topic     = "transfer.method",
  severity  = "high",
  title     = { ja = "暗号化しない媒体・電子メールで個人情報を受け渡し",
                en = "Personal data moved on unencrypted media or by e-mail" },
  message   = { ja = "「{what}」（{from}→{to}）を{method}で受け渡す計画で、{problem}",
                en = "\"{what}\" ({from} → {to}) is to be moved by {method_en}; {problem_en}" },
  follow_up = { ja = "LGWAN回線や専用線、またはパスワード付きの暗号化USB（職員立会い、受渡記録、使用後の消去）による受け渡しに改めてください。",
                en = "Use LGWAN or a dedicated line, or an encrypted, password-protected USB drive (handed over with staff present, logged, and wiped afterwards)." },
  precedent = "志木市 令和2年度第3回 議題(2)「暗号化USBを利用し、職員立ち合いのもとシステムへ移行する」; 議題(3)「LGWAN回線を利用してデータの受け渡しを行う」" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.transfers, and then only on a transfer stated
  -- encrypted false (its key) or whose method is usb, email or web_upload -- as given, or read by
  -- prose_method from its prose: USB, メール, e-?mail
  needs = { stated = { "transfers" }, words = { "encrypted", "usb", "mail", "メール", "web_upload" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    for _, t in ipairs(common.list(plan.transfers)) do
      -- a notice to a resident is asked what it says and where it goes (transfer-notice-content),
      -- not for LGWAN or an encrypted USB stick
      if situation.notice(t) then goto next end
      local m = situation.value(t.method)
      local from_prose = false
      if m == nil then m = prose_method(t); from_prose = m ~= nil end
      local sev, ja, en
      if m == nil and t.encrypted == false then
        -- stated unencrypted, the means left out: leaving the method out never does better
        -- than naming the USB stick or the e-mail
        sev = st.sensitive and "critical" or "high"
        ja, en = "暗号化しないとされています。", "it is stated not to be encrypted."
      elseif (m == "usb" or m == "email") and t.encrypted ~= true then
        sev = st.sensitive and "critical" or "high"
        ja, en = "暗号化されていません。", "it is not encrypted."
      elseif m == "email" and not hogo.test(text_of(t, plan), PASSWORD_APART) then
        sev = "low"
        ja, en = "添付ファイルの暗号化のみでは、パスワードを同じ経路で送ると保護になりません。",
                 "an encrypted attachment protects nothing if the password travels the same way."
      elseif m == "web_upload" and t.encrypted == false then
        sev = st.high and "high" or "medium"
        ja, en = "通信が暗号化されていません。", "the connection is not encrypted."
      elseif m == "web_upload" and situation.value(t.encrypted) == nil and not hogo.test(text_of(t, plan), TRANSIT) then
        sev = "low"
        ja, en = "通信の暗号化とアップロード先の管理が記載されていません。", "encryption and who runs the upload site are not stated."
      end
      if sev then
        local segment = situation.segment_move(t)
        ctx.report(t, from_prose and "what" or "method", { severity = sev,
          follow_up = segment and SEGMENT_FOLLOW_UP or nil, precedent = segment and GUIDELINE or nil, vars = {
          what = common.answer(t.what) or "データ", from = t.from or "?", to = t.to or "?",
          method = m and hogo.choice("transfers.method", m) or "方法の記載のない手段", method_en = METHOD_EN[m] or "means not stated", problem = ja, problem_en = en } })
      end
      ::next::
    end
  end,
}
