-- reconsult-new-technology: data leaves the city's closed network (cloud storage, the internet,
-- a third-party platform) or the plan uses a new technology (AI, 生体認証…), and the plan does
-- not say when it comes back to the council.  Risks of such systems show up in use.  The
-- council: 「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性
-- がある…そのような場合には審議会や審査会にかけるとも検討してほしい」(議題(6)).
-- info.  Quiet when operations.review names the council (審議会・審査会・報告) — a review that
-- only defers (「今後検討」) is no answer (common.answer).  The precedent follows the plan: the
-- 議題(6) words 「LGWAN回線を利用しないため」 only for a plan that does not use LGWAN; a platform
-- (LINE) plan gets 議題(5), the council's word on a running platform service.

local NEWTECH = [[(?<![A-Za-z])AI(?![A-Za-z])|人工知能|生成AI|機械学習|顔認証|顔認識|生体認証|RPA|IoT|ビッグデータ|ドローン|防犯カメラ|AIカメラ|メタバース|ブロックチェーン]]
local COUNCIL = [[審議会|審査会|再諮問|諮問|報告]]

local P_NO_LGWAN = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(6)「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある…そのような場合には審議会や審査会にかけるとも検討してほしい」"
local P_LGWAN = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(6)「運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある。情報漏洩を避けるためには、常に情報に関するアンテナを高くすることが求められる。また、そのような場合には審議会や審査会にかけるとも検討してほしい」"
local P_PLATFORM = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(5)（LINEによる申請受付の進捗報告）「業務負担が増えるようなら、運用方法を検討するべき」; 議題(6)「そのような場合には審議会や審査会にかけるとも検討してほしい」"

-- what stands in operations.review instead of an answer, quoted (「今後検討する」), or ""
local function said(op)
  local v = op and op.review
  if v == nil or gov.blank(v) or common.answer(v) then return "", "" end
  local q = gov.excerpt(common.text(v), 20)
  return "（「" .. hogo.label("operations.review") .. "」欄は「" .. q .. "」とあるだけです。）", " (operations.review only says \"" .. q .. "\".)"
end

local function precedent_for(plan)
  if #common.list(plan.platforms) > 0 then return P_PLATFORM end
  return situation.uses_lgwan(plan) and P_LGWAN or P_NO_LGWAN
end

return {
  id        = "reconsult-new-technology",
  topic     = "governance.reconsultation",
  severity  = "info",
  title     = { ja = "運用中に懸念が生じた場合の審議会への再諮問",
                en = "Coming back to the council when concerns arise in use" },
  message   = { ja = "{why}を用いるため、運用の中で情報漏えいのリスクや懸念が新たに生じる可能性があります。どのような場合に審議会へ報告・再諮問するかが記載されていません。{said}",
                en = "Because {why_en} is used, new leak risks or concerns may appear in use. The plan does not say when it will come back to the council.{said_en}" },
  follow_up = { ja = "運用状況の点検の時期と、仕組みの変更・事故・新たな懸念が生じた場合に審議会（審査会）へ報告・諮問することを「{label:operations.review}」欄に記載してください。",
                en = "State when the operation is reviewed and that changes, incidents or new concerns will be reported or put to the council (operations.review)." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(6)「LGWAN回線を利用しないため、運用していく中で情報漏洩リスクや懸念等が出てくる可能性がある…そのような場合には審議会や審査会にかけるとも検討してほしい」; 狛江市個人情報保護審議会 令和3年8月2日 諮問「AI-OCRにおける全庁的な読込項目情報の外部提供…」: 委員「個人情報が外部に提供されたのであれば,実証実験であっても事前に審議会に諮問すべきである」",

  -- needs: check() reports only when gov.exposure(plan) (see access-authentication) or the prose says
  -- NEWTECH (生成AI, AIカメラ: ai)
  needs = { words = { "cloud", "internet", "platforms", "third_party_app", "web_upload",
                      "ai", "人工知能", "機械学習", "顔認証", "顔認識", "生体認証", "rpa", "iot", "ビッグデータ", "ドローン",
                      "防犯カメラ", "メタバース", "ブロックチェーン" } },

  check = function(plan, ctx)
    -- (operations null reads as not stated: a system in use is never "not applicable" to review)
    local op = common.obj(plan.operations)
    local review = op and common.answer(op.review)
    if review and hogo.test(review, COUNCIL) then return end
    local exposed, why, why_en = gov.exposure(plan)
    if not exposed then
      local f = gov.find_claim(plan, NEWTECH)
      if not f then return end
      why = hogo.match(f.text, NEWTECH, "i") or "新しい技術"
      why_en = "new technology (" .. why .. ")"
    end
    local s, s_en = said(op)
    local opts = { vars = { why = why, why_en = why_en, said = s, said_en = s_en }, precedent = precedent_for(plan) }
    if op then ctx.report(op, "review", opts) else ctx.report(plan, "operations", opts) end
  end,
}
