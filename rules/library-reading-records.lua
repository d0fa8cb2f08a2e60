-- library-reading-records: a library plan that keeps what each user borrowed or read (貸出履歴,
-- 読書記録, 閲覧履歴) after the book is back.  Reading records reveal a person's 思想・信条; they are not
-- 要配慮個人情報 in law, but 図書館の自由に関する宣言 第3 「図書館は利用者の秘密を守る」 and libraries
-- have erased them on return.  武雄市の審議会 allowed passing loan data to a point system only with
-- the user's consent and only the minimum items.  high (critical when children's records are kept
-- this way).  Quiet when the plan keeps history only for users who ask for it (本人の同意,
-- 希望者のみ, オプトイン) or erases it on return (返却時に消去, or a retention of 即時 for the history).

local OPT_IN = tech.OPT_IN
local ERASE = [[返却(?:時|後|と同時)(?:に)?[^。]{0,10}(?:消去|削除|残さない)|返却され(?:る|た)と[^。]{0,10}(?:消去|削除)|返却(?:後|時)は[^。]{0,10}(?:保存|記録)しない|貸出中(?:の資料)?(?:のみ|に限)]]

return {
  id        = "library-reading-records",
  topic     = "data.sensitive",
  severity  = "high",
  title     = { ja = "図書館の貸出履歴（読書記録）の保存",
                en = "Library loan history (reading records) kept" },
  message   = { ja = "「{item}」を保存する計画です。読書の記録は思想・信条を推知させる情報で、法の要配慮個人情報ではありませんが、図書館の自由に関する宣言は「図書館は利用者の秘密を守る」としています。本人の同意によらずに返却後も記録を残すことになっています。{children}",
                en = "The plan keeps \"{item}\". Reading records reveal beliefs; they are not sensitive data in law, but the Library Freedom Declaration says libraries keep their users' secrets. The plan keeps them after return without the user's consent. {children_en}" },
  follow_up = { ja = "貸出履歴は返却時に消去するか、保存を希望する利用者だけ本人の同意を得て保存すること（オプトイン）を記載してください。保存する場合は、閲覧できる職員、保存期間、指定管理者や事業者が利用しないことも示してください。",
                en = "Either erase loan history on return, or keep it only for users who ask for it, with their consent (opt-in). If kept, state which staff may see it, for how long, and that no contractor or designated manager uses it." },
  precedent = "日本図書館協会「図書館の自由に関する宣言」主文第3「図書館は利用者の秘密を守る」; 同「デジタルネットワーク環境における図書館利用のプライバシー保護ガイドライン」(2019年5月24日)「従来、資料が返却されれば消去してきた利用履歴を、サービスに積極的に活用しようとする動き」; 武雄市個人情報保護審議会 平成24年7月6日 答申（Tポイント付与に必要な最低限の情報に限り「利用者本人の同意があれば問題なし」）; 羽村市個人情報保護審議会 平成25年5月22日 審議1「図書館電算システムについて」",

  -- needs: check() reports only on a library plan (tech.LIBRARY: 図書, 蔵書, 貸出) or a usage item named
  -- with 貸出|読書|蔵書|図書
  needs = { prose = { "図書", "蔵書", "貸出", "読書" } },

  check = function(plan, ctx)
    local items = tech.usage_items(plan)
    local lib_node = tech.library(plan)
    local kept = items[1]
    local kept_name = kept and common.text(kept.name) or nil
    if not kept then
      -- no item listed: the prose says the history is kept
      local f = tech.says(plan, tech.USAGE)
      if not (f and lib_node) then return end
      if not hogo.test(f.text, "(?:" .. tech.USAGE .. [[)[^。]{0,20}(?:保存|蓄積|記録|保管|残)]]) then return end
      kept, kept_name = f, hogo.match(f.text, tech.USAGE)
    elseif not lib_node and not hogo.test(kept_name or "", [[貸出|読書|蔵書|図書]]) then
      return
    end
    if tech.mentions(plan, OPT_IN) or tech.mentions(plan, ERASE) then return end
    -- a retention for the history of 即時 (none kept) answers the question too
    for _, r in ipairs(common.retentions(plan)) do
      if type(r.what) == "string" and hogo.test(common.text(r.what), tech.USAGE .. [[|利用記録]])
         and type(r.period) == "string" and hogo.days(common.text(r.period)) == 0 then return end
    end
    local children, label = common.involves_children(plan)
    local sev = children and "critical" or "high"
    local vars = { item = kept_name or "貸出履歴",
      children = children and ("子ども（" .. tostring(label) .. "）の読書記録も含まれます。") or "",
      children_en = children and "Children's reading records are included." or "" }
    if kept.node then ctx.report(kept.node, kept.key, { severity = sev, vars = vars })
    else ctx.report(kept, "name", { severity = sev, vars = vars }) end
  end,
}
