-- ai-verification-operators: AI-OCR whose results are checked or corrected by a contractor's
-- operators (確認・修正, ベリファイ, 入力代行), with nothing said on where those people work: on site,
-- at the contractor's office in Japan, from home, or abroad.  The Diet asked of a data-entry job
-- re-subcontracted abroad 「本当に氏名、振り仮名のみが中国で再委託されたと思うのか」.  medium (high for
-- sensitive or children's data), whether the place is unstated or abroad (the same severity: saying
-- less must never score better).  Quiet when outsourcing.work_location is on_premise or contractor_site,
-- or the prose says where the work is done in Japan (庁舎内で, 受託者の国内の拠点で).

local VERIFY = [[確認・?修正|目視(?:確認|チェック|による確認)|ベリファイ|オペレーター|入力代行|データ(?:入力|エントリー)|読(?:取|み取り)結果[^。]{0,6}(?:確認|補正|修正)|補正作業]]
local STAFF_ONLY = [[職員が[^。]{0,12}(?:確認|修正|補正)]]
local SITE = [[(?:国内|庁舎内|庁内|本庁舎|市役所内|受託者の(?:国内の?)?(?:拠点|事業所|施設|センター|事務所))[^。]{0,20}(?:で|において)[^。]{0,20}(?:確認|修正|入力|作業|行う)|作業(?:場所|拠点)(?:は|を)[^。]{0,12}(?:国内|庁舎|受託者の)|海外[^。]{0,10}(?:で(?:は)?行わない|委託しない|持ち出さない)]]
local ABROAD = [[海外|国外|オフショア|中国|ベトナム|フィリピン|インド(?!ア)|大連]]
local REMOTE = [[在宅|テレワーク|リモートで|自宅]]

return {
  id        = "ai-verification-operators",
  topic     = "outsourcing.scope",
  severity  = "medium",
  title     = { ja = "AI-OCRの読取結果を確認・修正する者の作業場所",
                en = "Where the operators who check AI-OCR results work" },
  message   = { ja = "AI-OCRの読取結果を事業者のオペレーターが確認・修正する計画ですが、{problem}",
                en = "The contractor's operators check or correct the AI-OCR results, but {problem_en}" },
  follow_up = { ja = "読取結果を確認・修正する者と作業場所（庁舎内／受託者の国内拠点／在宅／海外）を記載してください（「{label:outsourcing.work_location}」欄）。受託者の拠点で行う場合は、作業場所の入退室管理と画像の持出し禁止、海外や在宅で行わないことも示してください。",
                en = "State who checks or corrects the results and where (on site / the contractor's office in Japan / at home / abroad) (outsourcing.work_location). If at the contractor's office, also state access control and that images may not be taken out, and that no work is done abroad or from home." },
  precedent = "第204回国会 参議院 行政監視委員会 閉会後第1号（2021年6月21日）「個人情報保護委員会として、本当に氏名、振り仮名のみが中国で再委託されたと思うのか」; 狛江市個人情報保護審議会 令和3年8月2日 諮問「AI-OCRにおける全庁的な読込項目情報の外部提供…」（読取は外部のサーバーで行われる）",

  -- needs: every word of tech.ai_ocr's pattern holds one of these
  needs = { words = { "ocr", "文字認識", "手書き帳票の読" } },

  check = function(plan, ctx)
    if not tech.ai_ocr(plan) then return end
    local sev = common.stakes(plan).high and "high" or "medium"
    local list = common.outsourcings(plan)
    for _, o in ipairs(list) do
      if o.work_location == "on_premise" or o.work_location == "contractor_site" then return end
      if o.work_location == "overseas" then
        ctx.report(o, "work_location", { severity = sev, vars = {
          problem = "その作業が海外で行われます。", problem_en = "the work is done abroad." } })
        return
      end
    end
    local f = tech.mentions(plan, VERIFY)
    if not f then return end
    if #list == 0 and not hogo.test(f.text, [[事業者|委託|受託|ベンダ]]) then return end
    if tech.mentions(plan, STAFF_ONLY) and #list == 0 then return end
    if tech.mentions(plan, SITE) then return end
    local abroad = tech.says(plan, ABROAD)
    if abroad then
      ctx.report(abroad.node, abroad.key, { severity = sev, vars = {
        problem = "その作業が海外で行われる可能性があります。", problem_en = "the work may be done abroad." } })
      return
    end
    local remote = tech.says(plan, REMOTE)
    ctx.report(f.node, f.key, { severity = sev, vars = {
      problem = remote and "在宅・リモートで作業する場合の管理が記載されていません。" or "その作業場所（庁舎内、国内の拠点、在宅、海外）が記載されていません。",
      problem_en = remote and "how remote work is controlled is not stated." or "where they work (on site, in Japan, at home, abroad) is not stated." } })
  end,
}
