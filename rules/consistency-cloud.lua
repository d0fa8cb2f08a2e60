-- consistency-cloud: the text says the data goes to the cloud (クラウド, SaaS, Google Drive…) but
-- no storage entry is in the cloud.  One of the two is wrong, and the council's view of the risk
-- turns on it: 「クラウドにするのであれば再検討が必要」(議題(2)).
-- Negations and conditionals are not claims: 「クラウドは利用しない」「クラウドにするのであれば」.
--   storage listed, none cloud: medium;  storage not stated: low (where is it?);
--   storage null ("nothing is stored") while the text says cloud: medium, as severe as the
--   storage-cloud question it would hide.
-- A storage entry in ガバメントクラウド or an LGWAN-ASP service answers a text that says so.

local CLOUD = [[クラウド|(?<![A-Za-z])(?:cloud|SaaS|AWS|Azure|Google ?Drive|Google ?Workspace|G ?Suite|OneDrive|Microsoft ?365|Office ?365|Dropbox|iCloud|kintone)(?![A-Za-z])]]

return {
  id        = "consistency-cloud",
  topic     = "input.consistency",
  severity  = "medium",
  title     = { ja = "本文はクラウド利用、保存場所はクラウド以外",
                en = "Text says cloud, storage says otherwise" },
  message   = { ja = "本文に「{quote}」とクラウドの利用が書かれていますが、{state}。",
                en = "The text says the cloud is used (\"{quote}\"), but {state_en}." },
  follow_up = { ja = "クラウドに保存・処理するデータがあれば 「{label:storage}」欄に保存場所「クラウド」として記載し、事業者・所在国・ISMAP登録を示してください。クラウドを使わない場合は本文を改めてください。",
                en = "If any data is stored or processed in the cloud, list it in storage with location cloud and state the provider, region and ISMAP registration; if not, correct the text." },
  precedent = "志木市 令和2年度第3回 議題(2)「クラウドにするのであれば再検討が必要だが、市の庁舎内で管理しているのであれば問題ない」" .. situation.PRE_ACT,

  -- needs: check() reports only where the prose says CLOUD: each alternative holds one of these
  -- (G ?Suite: suite; Microsoft ?365: microsoft; Office ?365: office; iCloud: cloud)
  needs = { prose = { "クラウド", "cloud", "saas", "aws", "azure", "google", "suite", "onedrive", "microsoft", "office",
                      "dropbox", "kintone" } },

  check = function(plan, ctx)
    local storage = common.list(plan.storage)
    for _, s in ipairs(storage) do
      if situation.cloudlike(s) then return end
    end
    local f = situation.says(plan, CLOUD)
    if not f then return end
    local vars = { quote = gov.quote(f, CLOUD) }
    if f.field == "storage" then
      -- the entry's own description says cloud while its location says otherwise
      vars.state, vars.state_en = "その「" .. hogo.label("storage.location") .. "」欄が「" .. hogo.choice("storage.location", "cloud") .. "」になっていません", "its location is not cloud"
      ctx.report(f.node, "location", { vars = vars })
    elseif #storage > 0 then
      vars.state, vars.state_en = "「" .. hogo.label("storage") .. "」欄にクラウドがありません", "no storage entry is in the cloud"
      ctx.report(storage[1], "location", { vars = vars })
    elseif hogo.is_null(plan.storage) then
      vars.state, vars.state_en = "「" .. hogo.label("storage") .. "」欄が「該当しない」（null）になっています", "storage is null (nothing kept)"
      ctx.report(plan, "storage", { vars = vars })
    else
      vars.state, vars.state_en = "「" .. hogo.label("storage") .. "」欄が記載されていません", "no storage is listed"
      ctx.report(plan, "storage", { severity = "low", vars = vars })
    end
  end,
}
