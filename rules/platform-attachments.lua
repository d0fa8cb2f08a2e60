-- platform-attachments: residents can attach photos (or documents) through the platform.  A
-- photo of bulky waste shows the inside of a home, faces, car plates and, in its metadata,
-- where it was taken; the platform keeps a copy.  The LINE report: 「写真の添付もできる」
-- (議題(5)); the 2021 LINE case concerned exactly such images stored abroad.
--   photo: medium (high with children's data or a platform storing abroad)
--   document: low (medium with 要配慮 data)
-- The plan's words count beside the attachments field (「写真の添付もできる」): leaving the field
-- out, or a photo out of it, never does better than filling it in.
-- Cleared by what the follow-up asks: what becomes of the copies (a storage or retention entry
-- for the attachments, or their deletion from the platform once taken in) and, for photos, a
-- warning to users about faces, name plates, number plates and location data; one of the two →
-- one step down.
local ATTACHED = [[写真|画像|添付]]
local DELETED = [[(?:取り込|取込|移|保存|受け付け|受付)(?:ん|み|し)?(?:だ|た)?(?:後|時点で|次第).{0,20}?(?:削除|消去)|(?:上|側|内)(?:の|から)(?:データ|写真|画像|トーク|添付)?.{0,6}?(?:削除|消去)|自動(?:的に)?(?:削除|消去)]]
local WARNED = [[(?:写り込|映り込|位置情報|Exif|撮影場所|表札|ナンバー|顔|人物).{0,24}?(?:注意|案内|周知|呼びかけ|削除して|消して|写さない|含めない|オフ|避け)|(?:注意|案内|周知|呼びかけ)(?:事項)?.{0,24}?(?:写り込|映り込|位置情報|表札|ナンバー|顔|人物)]]
-- with no attachments field, the plan's words say what users send (「写真の添付もできる」)
local PHOTO_TEXT = [[(?:写真|画像)(?:の|を)?.{0,8}?(?:添付|添え|送信|送って|受け付け|投稿)|(?:添付|添え)(?:た|られた|する)?(?:写真|画像)]]
local DOC_TEXT = [[書類(?:の|を)?.{0,6}?(?:添付|添え)|添付(?:書類|ファイル)]]

local function kept(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if common.obj(s) and hogo.test(common.text(s.what), ATTACHED) then return true end
  end
  for _, r in ipairs(common.retentions(plan)) do
    if hogo.test(common.text(r.what), ATTACHED) and common.stated(r.period) then return true end
  end
  return situation.mentions(plan, DELETED) ~= nil
end

return {
  id        = "platform-attachments",
  topic     = "platform.third_party",
  severity  = "medium",
  title     = { ja = "外部プラットフォームで写真・書類を受け付ける",
                en = "Photos or documents received through a third-party platform" },
  message   = { ja = "{name}で{what}の添付を受け付けます。{why}",
                en = "{name} accepts {what_en} as attachments. {why_en}" },
  follow_up = { ja = "添付された{what}の保存先と保存期間、{body}のシステムへ取り込んだ後に{name}上から削除するか、写り込み（顔・表札・車両番号）や位置情報への注意を利用者に案内するかを示してください。",
                en = "State where attached {what_en} are kept and for how long, whether they are deleted from {name} once taken into {body_en}'s system, and whether users are warned about faces, name plates, number plates and location data." },
  precedent = "志木市 令和2年度第3回 議題(5)「LINEを活用し、写真の添付もできることから、粗大ごみの規模を把握するうえでも役立っており」" .. situation.PRE_ACT .. "; 内閣官房・個人情報保護委員会・金融庁・総務省「政府機関・地方公共団体等における業務でのLINE利用状況調査を踏まえた今後のLINEサービス等の利用の際の考え方（ガイドライン）」（2021年4月30日）",

  -- needs: check() reports nothing without plan.platforms
  needs = { stated = { "platforms" } },

  check = function(plan, ctx)
    local lv = gov.level(plan)
    local copies, warned = kept(plan), situation.mentions(plan, WARNED) ~= nil
    for _, p in ipairs(common.list(plan.platforms)) do
      local name = common.answer(p.name) or "外部プラットフォーム"
      local photo, doc = false, false
      for _, a in ipairs(common.list(p.attachments)) do
        if a == "photo" then photo = true elseif a == "document" then doc = true end
      end
      -- the plan's words count whatever the field says: a list that leaves photos out while the
      -- text still tells of them says less, not "none" (the omission property)
      -- (with the field stated, only a plain claim counts: 「写真は受け付けず」 is no photo)
      local stated = common.obj(p.attachments) ~= nil
      local said = stated and situation.says or situation.mentions
      photo = photo or said(plan, PHOTO_TEXT) ~= nil
      doc = doc or said(plan, DOC_TEXT) ~= nil
      if photo and not (copies and warned) then
        local sev = (lv >= 1 or p.region == "overseas") and "high" or "medium"
        if copies or warned then sev = common.sev_shift(sev, -1) end
        ctx.report(p, "attachments", { severity = sev, vars = common.with_body(plan, {
          name = name, what = "写真", what_en = "photos",
          why = "写真には住居の内部・人物・車両番号や撮影位置の情報が写り込むことがあり、その複製が事業者側にも保存されます。",
          why_en = "Photos can show the inside of homes, people, number plates and where they were taken, and the operator keeps a copy." }) })
      elseif doc and not photo and not copies then
        ctx.report(p, "attachments", { severity = lv >= 2 and "medium" or "low", vars = common.with_body(plan, {
          name = name, what = "書類", what_en = "documents",
          why = "添付書類の複製が事業者側にも保存されます。", why_en = "The operator keeps a copy of each document." }) })
      end
    end
  end,
}
