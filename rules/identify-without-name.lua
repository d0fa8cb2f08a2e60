-- identify-without-name: items that identify a person even though no name is given.  The council
-- on the vaccine booking plan: 「生年月日のみの提供ということだが、氏名等の情報の提供をしなくても個人の
-- 特定ができるのか」 → 「生年月日と接種券番号のみで本人の特定が可能」 (議題(4)).
--   生年月日 + an assigned number (接種券番号, 受給者番号, 個人番号...) → medium
--   a 個人番号 alone (個人識別符号)                                      → medium
--   生年月日 + address or phone, or a face photo                         → low
-- One step up when the data is sensitive or the plan calls the data anonymous (「個人を特定できない」).
-- Quiet when a name is among the items: identification is then plain and the plan treats it so;
-- and once the plan answers the follow-up — it treats these items as personal data (個人識別符号)
-- with the safeguards of named records, in its own words — or hands over fewer items.
local NAME_RE = [[氏名|名前|姓名|フリガナ|ふりがな|カナ氏名]]
local BIRTH_RE = [[生年月日|誕生日]]
-- an assigned number named in an item whose category was left generic (not a phone number)
local NUMBER_RE = [[(?<!電話)(?<!携帯)(?<!FAX)(?<!郵便)番号|(?<![A-Za-z])ID(?![A-Za-z])|受給者証|被保険者証]]
local NUMBER_CATS = { id_number = true, my_number = true }

local function assigned_number(plan)
  for _, it in ipairs(common.items(plan)) do
    if NUMBER_CATS[it.category] then return it end
  end
  for _, it in ipairs(common.items(plan)) do
    if it.category ~= "contact" and hogo.test(common.text(it.name), NUMBER_RE, "i") then return it end
  end
  return nil
end
local MYNUMBER_RE = [[個人番号(?!カード)|マイナンバー(?!カード)]]
local FACE_RE = [[顔|本人写真|証明写真]]
-- the plan says it treats the items as identifying personal data
local TREATED_RE = [[個人情報(?:として|と同様|と同じ|と同等)|氏名(?:を含む|入りの?)(?:情報|データ|記録)?と同(?:じ|様|等)|個人識別符号(?:として|に当たる|に該当)|(?:本人|個人)(?:を|が)?特定(?:できる|可能な)(?:情報|もの|データ)として]]
local ANON_RE = [[個人(を|が)?特定(でき|され|し)(ない|ません|ず)|匿名|個人を識別できない|特定できない]]

return {
  id        = "identify-without-name",
  topic     = "data.identifiability",
  severity  = "medium",
  title     = { ja = "氏名がなくても本人を特定できる項目の組合せ",
                en = "Items that identify a person without a name" },
  message   = { ja = "氏名は含みませんが、{items}の組合せで本人を特定できます。{extra}",
                en = "No name is included, but {items_en} together identify the person.{extra_en}" },
  follow_up = { ja = "これらの項目は個人情報（番号によっては個人識別符号）として、氏名を含む情報と同じ安全管理措置（受け渡し方法、保管、廃棄、委託先の義務）で取り扱うことを示してください。提供する項目をさらに減らせないかも検討してください。",
                en = "Treat these items as personal data (an assigned number may be an individual identification code) with the same safeguards as named records (transfer, storage, disposal, contractor duties), and consider whether fewer items would do." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(4)「生年月日のみの提供ということだが、氏名等の情報の提供をしなくても個人の特定ができるのか」「生年月日と接種券番号のみで本人の特定が可能」; 個人情報保護法 第2条第1項・第2項; 柏市行政不服及び情報公開・個人情報保護審議会 令和2年1月31日 議題1: 委員「所有者情報と紐づけされていないと個人情報といえないのではないか」、回答「個人が所有している建物の所在地が分かると個人の特定が可能であり、保有個人情報にあたる」",

  -- needs: check() reports nothing without plan.data
  -- needs words: a finding needs a birth date (BIRTH_RE or category birthdate), a My Number
  -- (MYNUMBER_RE or category my_number) or a face photo (FACE_RE: 顔, 本人写真, 証明写真: 顔, 写真)
  needs = { stated = { "data" }, words = { "birthdate", "生年月日", "誕生日", "my_number", "個人番号", "マイナンバー", "顔", "写真" } },

  check = function(plan, ctx)
    local items = common.items(plan)
    if #items == 0 then return end
    -- a name: an item named 氏名..., or an identity item that is not just 性別/年齢
    for _, it in ipairs(items) do
      local n = common.text(it.name)
      -- (an identity item with no name is not known to be a name: leaving the name out of an item
      -- never does better than writing 性別)
      if hogo.test(n, NAME_RE) or (it.category == "identity" and common.answer(it.name)
                                   and not hogo.test(n, [[^(性別|年齢|国籍|続柄)$]])) then return end
    end
    local birth = common.items_of(plan, "birthdate", BIRTH_RE)[1]
    local mynum = common.items_of(plan, "my_number", MYNUMBER_RE)[1]
    local number = assigned_number(plan)
    local contact = common.items_of(plan, "contact")[1]
    local face = nil
    for _, it in ipairs(common.items_of(plan, "photo")) do
      if hogo.test(common.text(it.name), FACE_RE) then face = it; break end
    end
    local sev, at, ja, en
    if birth and number then
      sev, at = "medium", number
      ja = "「" .. tostring(birth.name or "生年月日") .. "」と「" .. tostring(number.name or "番号") .. "」"
      en = "the birth date and an assigned number (\"" .. tostring(number.name or "") .. "\")"
    elseif mynum then
      sev, at = "medium", mynum
      ja = "「" .. tostring(mynum.name or "個人番号") .. "」（個人識別符号）"
      en = "the My Number (an individual identification code)"
    elseif birth and contact then
      sev, at = "low", contact
      ja = "「" .. tostring(birth.name or "生年月日") .. "」と「" .. tostring(contact.name or "連絡先") .. "」"
      en = "the birth date and contact details"
    elseif face then
      sev, at = "low", face
      ja = "「" .. tostring(face.name) .. "」（顔が写った写真）"
      en = "a photograph of the face"
    end
    if not sev then return end
    -- the follow-up answered: treated as personal data with the same safeguards
    if gov.find_claim(plan, TREATED_RE) and not common.find_text(plan, ANON_RE, { purpose = true, description = true }) then return end
    local extra, extra_en = "", ""
    local anon = common.find_text(plan, ANON_RE, { purpose = true, description = true })
    if common.has_sensitive(plan) then
      sev = common.sev_shift(sev, 1)
      extra, extra_en = "要配慮個人情報と結び付くため、特定された場合の影響が大きくなります。", " Linked to sensitive data, identification does more harm."
    elseif anon then
      sev = common.sev_shift(sev, 1)
      extra, extra_en = "計画では個人を特定できない情報として扱われているおそれがあります。", " The plan may be treating them as anonymous."
    end
    ctx.report(at, "category", { severity = sev, vars = { items = ja, items_en = en, extra = extra, extra_en = extra_en } })
  end,
}
