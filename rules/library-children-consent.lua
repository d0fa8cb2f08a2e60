-- library-children-consent: a library plan that keeps children's reading records with consent
-- (or offers a 読書通帳 / reading history to children) without saying whose consent and who may
-- see a child's record.  (Without any consent library-reading-records asks first.)  The 宣言 makes no exception for age; a parent is not the library's
-- reader.  No council minutes on children's library records were found: the precedent is the
-- declaration itself.  low (a question).  Quiet when the prose says who consents for a child
-- (保護者の同意) and who may see it (本人のみ / 保護者も).

local CONSENT = [[保護者(?:の|が)(?:同意|承諾|申込|申請|申し込)|本人及び保護者|保護者と本人]]

return {
  id        = "library-children-consent",
  topic     = "data.sensitive",
  severity  = "low",
  title     = { ja = "子どもの読書記録の同意と閲覧",
                en = "Children's reading records: whose consent, who may see them" },
  message   = { ja = "子ども（{label}）の読書記録を保存する計画ですが、誰の同意で保存し、保護者を含め誰が閲覧できるかが記載されていません。",
                en = "The plan keeps children's ({label}) reading records, but does not say whose consent is asked or who (parents included) may see them." },
  follow_up = { ja = "子どもの読書記録を保存する場合の同意の取り方（保護者の同意と本人の意思）と、記録を閲覧できる者（本人のみか、保護者も含むか）を記載してください。",
                en = "State how consent is obtained for a child (a parent's consent and the child's own wish) and who may see the record (the child only, or the parent too)." },
  precedent = "日本図書館協会「図書館の自由に関する宣言」主文第3「図書館は利用者の秘密を守る」（年齢による例外を設けていない）; 子どもの読書記録を扱った審議会の会議録は見当たらず、宣言を根拠とする",

  -- needs: every word of tech.LIBRARY holds one of these
  needs = { words = { "図書", "蔵書", "貸出" } },

  check = function(plan, ctx)
    if not tech.library(plan) then return end
    local children, label = common.involves_children(plan)
    if not children then return end
    local items = tech.usage_items(plan)
    local f = items[1] and { node = items[1], key = "name" } or tech.says(plan, tech.USAGE .. [[|読書通帳]])
    if not f then return end
    -- without any consent, library-reading-records already asks (at a higher severity)
    if not (tech.mentions(plan, tech.OPT_IN) or tech.mentions(plan, [[読書通帳]])) then return end
    if tech.mentions(plan, CONSENT) then return end
    ctx.report(f.node, f.key, { vars = { label = label or "児童" } })
  end,
}
