-- access-not-stated: electronic records of children, 要配慮 data or victims are kept, but the plan
-- says nothing about who may see them (access).  The council asked who sees what in 議題(2)
-- (庁内で共有) and heard the answer in 議題(6) (教員以外は他者の提出物を閲覧できない).
-- low; medium for victims or sensitive data about children.  access: null stays quiet.

return {
  id        = "access-not-stated",
  topic     = "access.control",
  severity  = "low",
  title     = { ja = "アクセスできる者が示されていない",
                en = "Who may access the data is not stated" },
  message   = { ja = "{data}を電子的に保管しますが、閲覧・操作できる職員の範囲やアクセス制限が記載されていません。",
                en = "The plan keeps {data_en} electronically but does not say who may see or change it, or how access is restricted." },
  follow_up = { ja = "取り扱う職員の範囲（人数・所属）、認証方式、アクセスログの取得、共有先を記載してください。",
                en = "State who handles it (number, units), how users authenticate, whether access is logged, and who it is shared with." },
  precedent = "志木市 令和2年度第3回 議題(2)「様々な情報を取得し、庁内で共有するようだが」、議題(6)「教員以外は他者の提出物を閲覧する事はできない」; 地方公共団体における情報セキュリティポリシーに関するガイドライン（アクセス制御）",

  check = function(plan, ctx)
    if plan.access ~= nil then return end
    local lv, st = gov.level(plan)
    if lv < 1 then return end
    local electronic = false
    for _, s in ipairs(common.list(plan.storage)) do
      if s.medium == "electronic" or s.location == "cloud" or s.network ~= nil and not hogo.is_null(s.network) and s.network ~= "none" then
        electronic = true
      end
    end
    if not electronic then return end
    ctx.report(plan, "access", { severity = lv >= 3 and "medium" or "low",
      vars = { data = st.label_ja, data_en = st.label_en } })
  end,
}
