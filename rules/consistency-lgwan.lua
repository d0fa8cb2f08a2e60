-- consistency-lgwan: the text says the data moves over LGWAN (行政専用のネットワーク) but no
-- hand-over uses LGWAN and some go by e-mail, USB, upload or paper.  The council accepted the
-- HPV plan on 「原則LGWAN回線を利用し、データの送付を考えている」(議題(3)); if the structured
-- plan says e-mail, that assurance does not hold.
-- Negations are not claims: 「LGWAN回線を利用しないため」(議題(6)).  Nor is the name of a 三層分離
-- segment (「LGWAN接続系」): data moved between segments goes through 無害化 (sanitization).  An
-- LGWAN-ASP service (storage location lgwan_asp) is reached over LGWAN, so a hand-over to it is
-- an LGWAN hand-over whatever its method says.
--   medium;  high when the contradicting hand-over is unencrypted e-mail or a plain USB stick

local LGWAN = [[LGWAN(?!接続系|系)|エルジーワン|総合行政ネットワーク|行政専用のネットワーク|行政専用ネットワーク]]
-- the methods that are not LGWAN (their words: hogo.choice, the vocabulary's)
local OTHER = { email = true, encrypted_email = true, usb = true, encrypted_usb = true, web_upload = true,
                third_party_app = true, paper_handover = true, postal_mail = true, courier = true }

return {
  id        = "consistency-lgwan",
  topic     = "input.consistency",
  severity  = "medium",
  title     = { ja = "本文はLGWAN、受け渡し方法は別の手段",
                en = "Text says LGWAN, the hand-over says otherwise" },
  message   = { ja = "本文に「{quote}」とLGWANでの受け渡しが書かれていますが、「{what}」の受け渡し方法は{method}になっています。",
                en = "The text says data moves over LGWAN (\"{quote}\"), but \"{what}\" is handed over by {method_en}." },
  follow_up = { ja = "実際の受け渡し方法をそろえてください。LGWANを使う場合は「{label:transfers.method}」欄を「LGWAN」とし、使わない場合は本文を改め、その方法での暗号化・誤送信防止策を示してください。",
                en = "Make the two agree: set method to lgwan if LGWAN is used; otherwise correct the text and show how the chosen method is encrypted and protected against mis-sending." },
  precedent = "志木市 令和2年度第3回 議題(3)「行政専用のネットワークであるLGWAN回線を利用してデータの受け渡しを行う」「原則LGWAN回線を利用し、データの送付を考えている」" .. situation.PRE_ACT .. "; 狛江市個人情報保護審議会 令和3年8月2日: 委員「LGWANASPとは,何のことか」",

  -- needs: check() returns at once without plan.transfers
  -- needs words: the prose says LGWAN (行政専用のネットワーク, 行政専用ネットワーク: 行政専用)
  needs = { stated = { "transfers" }, prose = { "lgwan", "エルジーワン", "総合行政ネットワーク", "行政専用" } },

  check = function(plan, ctx)
    local transfers = common.list(plan.transfers)
    if #transfers == 0 then return end
    for _, t in ipairs(transfers) do
      if t.method == "lgwan" then return end
    end
    for _, s in ipairs(common.list(plan.storage)) do
      if common.obj(s) and (s.network == "lgwan" or situation.storage_kind(s) == "lgwan_asp") then return end
    end
    local f = situation.says(plan, LGWAN)
    if not f then return end
    for _, t in ipairs(transfers) do
      local m = t.method
      if type(m) == "string" and OTHER[m] and not situation.segment_move(t) then
        local weak = (m == "email" or m == "usb") and t.encrypted ~= true
        ctx.report(t, "method", { severity = weak and "high" or "medium", vars = {
          quote = gov.quote(f, LGWAN), what = type(t.what) == "string" and t.what or "データ",
          method = hogo.choice("transfers.method", m), method_en = m } })
      end
    end
  end,
}
