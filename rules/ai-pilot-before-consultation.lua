-- ai-pilot-before-consultation: the plan says a pilot (実証実験, 試行, PoC) has already been run, with
-- nothing saying it used no real personal data or was put to the council.  狛江市の審議会:
-- 「個人情報が外部に提供されたのであれば,実証実験であっても事前に審議会に諮問すべきである」 (the AI-OCR
-- pilot had sent 粗大ごみ申請書 to an outside server).  high.  Quiet when the plan says the pilot used
-- dummy or test data only, or was consulted on or reported to the council.

local PILOT = [[実証実験|実証事業|実証|試行(?:運用|導入|実施)?|トライアル|PoC|試験運用|先行導入|無償試用]]
local DONE = "(?:" .. PILOT .. [[)[^。]{0,30}?(?:を実施した|を実施しました|を行った|を行いました|を実施済|は実施済|を終え|を経て|の結果|で効果|で確認された|を(?:令和|平成)\d+年[^。]{0,12}(?:実施し|行っ)|として実施し)]]
local DUMMY = [[ダミーデータ|テストデータ|架空(?:の)?(?:データ|人物|帳票)|サンプル(?:データ|帳票)|模擬(?:データ|帳票)|個人情報を含まない|個人情報は(?:使用|利用|含ま)(?:せず|しない|ない|れない)|マスキングした]]
local CONSULTED = [[(?:実証|試行|トライアル)[^。]{0,30}(?:審議会|審査会)[^。]{0,10}(?:諮問|報告|承認)(?:し|済|を得)|(?:審議会|審査会)(?:の|で)(?:承認|了承)を得て(?:実証|試行)]]

return {
  id        = "ai-pilot-before-consultation",
  topic     = "governance.reconsultation",
  severity  = "high",
  title     = { ja = "諮問前に実施された実証実験",
                en = "A pilot run before the council was consulted" },
  message   = { ja = "「{quote}」とあり、審議会への諮問の前に実証実験などで個人情報を扱ったと読めます。",
                en = "The plan says \"{quote}\": personal data appears to have been handled in a pilot before the council was consulted." },
  follow_up = { ja = "実証実験で扱った個人情報（帳票の種類・件数、提供先、事業者での保存と消去）を報告し、今後の実証は事前に諮問するか、ダミーデータ（テストデータ）のみで行うことを記載してください。実証が個人情報を含まないデータで行われた場合は、そのことを記載してください。",
                en = "Report the personal data handled in the pilot (which forms, how many, where they went, whether the vendor kept or erased them), and state that future pilots are put to the council first or use dummy (test) data only. If the pilot used no personal data, say so." },
  precedent = "狛江市個人情報保護審議会 令和3年8月2日 諮問「AI-OCRにおける全庁的な読込項目情報の外部提供…」: 委員「実証実験は審議会に諮問せず外部提供を行ったということか」、担当課「実証実験でしたので諮問せず,実施した」、委員「個人情報が外部に提供されたのであれば,実証実験であっても事前に審議会に諮問すべきである」",

  -- needs: every word of PILOT (which DONE begins with) holds one of these
  needs = { words = { "実証", "試行", "トライアル", "poc", "試験運用", "先行導入", "無償試用" } },
  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    if not hogo.test(tech.joined(plan), DONE) then return end
    local hit
    for _, f in ipairs(gov.prose(plan)) do
      if hogo.test(f.text, DONE) then hit = f; break end
    end
    if not hit then return end
    if tech.mentions(plan, DUMMY) or tech.mentions(plan, CONSULTED) then return end
    local q = hogo.match(hit.text, "[^。、]{0,30}" .. DONE) or hit.text
    ctx.report(hit.node, hit.key, { vars = { quote = gov.excerpt(q, 60) } })
  end,
}
