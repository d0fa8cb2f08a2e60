-- transfer-flow-not-listed: the plan's own account (purpose, description, the outsourcing scope,
-- the contract) says data or a notice is sent by a channel -- 「結果を郵送する」「保護者にメールで
-- 知らせる」「LGWAN回線で受け渡す」 -- and no transfer (nor, for an app, a platform) shows that
-- channel.  How data moves is a core fact (docs/scoring.md): a flow the prose tells of and the
-- structured part lacks is 記載不足, so deleting a transfer that the description still mentions
-- never does better than describing it.  low, incomplete.  The council asked how data would
-- reach the contractor when the plan did not say: 「受託者に未受診者の資料を送付する場合には、
-- データベースを渡すのか」→「原則LGWAN回線を利用」 (議題(3)).

return {
  id        = "transfer-flow-not-listed",
  topic     = "transfer.method",
  severity  = "low",
  title     = { ja = "本文にある受け渡し・通知が受け渡しの欄にない",
                en = "A flow the text tells of is not among the transfers" },
  message   = { ja = "本文に「{quote}」とありますが、{channel}による受け渡し・通知が「{label:transfers}」欄に記載されていません（記載不足）。",
                en = "The text says \"{quote}\", but no transfer by {channel_en} is listed (incomplete)." },
  follow_up = { ja = "{channel}で何を誰から誰へ送るかを「{label:transfers}」欄に1件ずつ記載してください（{label:transfers.what}・{label:transfers.from}・{label:transfers.to}・{label:transfers.method}。住民へのお知らせなら「{label:transfers.kind}」欄を「" .. hogo.choice("transfers.kind", "notice") .. "」）。送らないのであれば本文を改めてください。",
                en = "List what goes by {channel_en}, from whom and to whom, as transfers (what, from, to, method; kind: notice for a notice to a resident), or correct the text if nothing is sent that way." },
  precedent = "志木市 令和2年度第3回 議題(3)「受託者に未受診者の資料を送付する場合には、データベースを渡すのか」「原則LGWAN回線を利用し、データの送付を考えている」" .. situation.PRE_ACT,

  -- needs: check() returns without personal data, and reports only a flow situation.flows_mentioned finds
  -- by one of situation.CHANNELS (電子メール: メール; e-?mail: mail; LINE: line)
  needs = { stated = { "data" }, prose = { "メール", "mail", "郵送", "郵便", "書留", "はがき", "ハガキ", "封書", "宅配便", "宅急便",
                                               "電話", "架電", "usb", "lgwan", "line", "sns", "sms", "ショートメッセージ", "アプリ" } },

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    local node = common.obj(plan.transfers) and plan.transfers or plan
    local key = node == plan and "transfers" or nil
    for _, f in ipairs(situation.flows_mentioned(plan)) do
      if not situation.flow_listed(plan, f.channel) then
        local en = { email = "e-mail", post = "post", phone = "phone", usb = "USB stick", lgwan = "LGWAN",
                     line = "an app or SNS" }
        ctx.report(node, key, { incomplete = true, vars = {
          quote = hogo.match(f.text, "[^。\\n]{0,16}(?:" .. f.channel.re .. ")[^。\\n]{0,16}", "i") or gov.quote(f, f.channel.re, 40), channel = f.channel.ja, channel_en = en[f.channel.id] or f.channel.id } })
      end
    end
  end,
}
