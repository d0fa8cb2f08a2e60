-- ai-vendor-training: AI (AI-OCR, 生成AI, 音声認識…) run by a vendor, with nothing said on whether
-- the vendor may use the city's data to train or improve its models.  Vendors' terms often allow it
-- (AI inside: 「お客様からお預かりした帳票等のデータを用いて学習することで逐次アップデート」); whether
-- the provider handles the data at all decides whether it is a 委託 (個人情報保護委員会 注意喚起
-- 令和6年3月25日).  狛江市の審議会 treated AI-OCR reading as an 外部提供 and consulted on it form by
-- form.  medium (high for sensitive or children's data), whether the plan is silent or lets the
-- vendor train (the same severity: saying less must never score better).  Quiet when outsourcing.model_training is false or the
-- plan says the data is not used for training (学習に利用しない, 学習機能をオフ).

local TRAIN = [[(?:AI|モデル|エンジン|製品|サービス)?の?(?:学習|再学習|精度向上|品質向上|改善|開発)(?:に|へ|の(?:ため|目的)に)(?:利用|使用|活用|提供)]]
local OFF = [[学習機能(?:を|は)?(?:オフ|OFF|off|無効|停止|使用しない|利用しない)|学習(?:目的)?(?:への|に)?(?:利用|使用|活用)?(?:は|を)?(?:行わない|させない|禁止|しない)|自動最適化(?:を|は)?(?:オフ|OFF|off|無効)]]

local function vendor_involved(plan)
  if #common.outsourcings(plan) > 0 then return true end
  for _, s in ipairs(common.list(plan.storage)) do
    if s.location ~= nil and s.location ~= "on_premise" and s.location ~= "personal_device" then return true end
  end
  return #common.list(plan.platforms) > 0
end

return {
  id        = "ai-vendor-training",
  topic     = "outsourcing.scope",
  severity  = "medium",
  title     = { ja = "AI事業者による学習・改善への利用",
                en = "The AI vendor's use of the data to train or improve its models" },
  message   = { ja = "{ai}を事業者のサービスで利用する計画ですが、{problem}",
                en = "The plan uses {ai} through a vendor's service, but {problem_en}" },
  follow_up = { ja = "事業者が読み取った帳票や入力データをAIの学習・精度向上に利用しないこと（学習機能をオフにする設定、契約・仕様書での禁止）を記載してください（「{label:outsourcing.model_training}」欄）。利用させる場合は、その範囲、本人への通知、要配慮個人情報を除く方法を示してください。",
                en = "State that the vendor does not use the forms or data to train or improve its AI (learning switched off, forbidden in the contract) (outsourcing.model_training: false). If it may, state the scope, how people are told, and how sensitive data is kept out." },
  precedent = "狛江市個人情報保護審議会 令和3年8月2日 諮問「AI-OCRにおける全庁的な読込項目情報の外部提供及び外部提供に係る通知の要否について」、令和3年10月18日 同（過誤納金還付依頼書等の手書き帳票）; 個人情報保護委員会 注意喚起（令和6年3月25日）「クラウドサービス提供事業者において、個人データを取り扱うこととなっているのか又は取り扱わないこととなっているのか」; AI inside「DX Suite ご利用に関する注意事項」「お客様からお預かりした帳票等のデータを用いて学習することで逐次アップデート」",

  -- needs: every word of tech.AI holds one of these, and tech.ai reads the prose (tech.says)
  needs = { prose = { "ai", "人工知能", "機械学習", "深層学習", "大規模言語モデル", "llm", "gpt", "認識" } },

  check = function(plan, ctx)
    local f, word = tech.ai(plan)
    if not f then return end
    if not vendor_involved(plan) then return end
    local trains = false
    for _, o in ipairs(common.outsourcings(plan)) do
      if o.model_training == false then return end
      if o.model_training == true then trains = o end
    end
    if tech.mentions(plan, OFF) or gov.find_claim(plan, TRAIN, "denied") then return end
    local claimed = gov.find_claim(plan, TRAIN)
    local st = common.stakes(plan)
    local vars = { ai = word or "AI" }
    if trains or claimed then
      vars.problem = "事業者がデータをAIの学習・改善に利用することになっています。"
      vars.problem_en = "the vendor may use the data to train or improve its AI."
      local sev = st.high and "high" or "medium"
      if trains then ctx.report(trains, "model_training", { severity = sev, vars = vars })
      else ctx.report(claimed.node, claimed.key, { severity = sev, vars = vars }) end
      return
    end
    vars.problem = "事業者がデータをAIの学習・精度向上に利用するかどうかが記載されていません。"
    vars.problem_en = "whether the vendor uses the data to train or improve its AI is not stated."
    ctx.report(f.node, f.key, { severity = st.high and "high" or "medium", vars = vars })
  end,
}
