-- platform-attachments: residents can attach photos (or documents) through the platform.  A
-- photo of bulky waste shows the inside of a home, faces, car plates and, in its metadata,
-- where it was taken; the platform keeps a copy.  The LINE report: 「写真の添付もできる」
-- (議題(5)); the 2021 LINE case concerned exactly such images stored abroad.
--   photo: medium (high with children's data or a platform storing abroad)
--   document: low (medium with 要配慮 data)

return {
  id        = "platform-attachments",
  topic     = "platform.third_party",
  severity  = "medium",
  title     = { ja = "外部プラットフォームで写真・書類を受け付ける",
                en = "Photos or documents received through a third-party platform" },
  message   = { ja = "{name}で{what}の添付を受け付けます。{why}",
                en = "{name} accepts {what_en} as attachments. {why_en}" },
  follow_up = { ja = "添付された{what}の保存先と保存期間、市のシステムへ取り込んだ後に{name}上から削除するか、写り込み（顔・表札・車両番号）や位置情報への注意を利用者に案内するかを示してください。",
                en = "State where attached {what_en} are kept and for how long, whether they are deleted from {name} once taken into the city's system, and whether users are warned about faces, name plates, number plates and location data." },
  precedent = "志木市 令和2年度第3回 議題(5)「LINEを活用し、写真の添付もできることから、粗大ごみの規模を把握するうえでも役立っており」; 総務省「LINE株式会社の事案を踏まえた地方公共団体におけるLINEサービス等の利用の際の考え方（ガイドライン）」（令和3年4月30日）",

  check = function(plan, ctx)
    local lv = gov.level(plan)
    for _, p in ipairs(common.list(plan.platforms)) do
      local name = type(p.name) == "string" and p.name or "外部プラットフォーム"
      local photo, doc = false, false
      for _, a in ipairs(common.list(p.attachments)) do
        if a == "photo" then photo = true elseif a == "document" then doc = true end
      end
      if photo then
        local sev = (lv >= 1 or p.region == "overseas") and "high" or "medium"
        ctx.report(p, "attachments", { severity = sev, vars = {
          name = name, what = "写真", what_en = "photos",
          why = "写真には住居の内部・人物・車両番号や撮影位置の情報が写り込むことがあり、その複製が事業者側にも保存されます。",
          why_en = "Photos can show the inside of homes, people, number plates and where they were taken, and the operator keeps a copy." } })
      elseif doc then
        ctx.report(p, "attachments", { severity = lv >= 2 and "medium" or "low", vars = {
          name = name, what = "書類", what_en = "documents",
          why = "添付書類の複製が事業者側にも保存されます。", why_en = "The operator keeps a copy of each document." } })
      end
    end
  end,
}
