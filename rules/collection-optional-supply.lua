-- collection-optional-supply: applicants supply a 要配慮 item or an attachment of one (a health-check
-- result, a doctor's note, a copy of the 母子健康手帳), and the plan does not say whether supplying it
-- is compulsory or optional -- or says optional but not that the form tells the applicant so.  An
-- applicant who believes a health record is required hands it over whether the work needs it or
-- not; the council asks whether it must be submitted at all.  羽村市's council asked it of a copy of
-- the 母子健康手帳 submitted with a subsidy application: 「領収書だけでなく母子手帳のコピーを取る必要
-- があるのか」.  Read where it is answered: data.items[].optional (true 任意 / false 必須),
-- data.supply_told (how the form says so), and the plan's prose (「提出は任意」「任意である旨を申請書
-- に明記」).  low (a question).
-- The council's question found was about an attachment's necessity; the optional/compulsory
-- notice itself follows 個人情報保護法 第62条 (利用目的の明示 when data is taken from the person in
-- writing), cited as law: no council minutes asking it in these words were found.

-- The plan takes the item from the applicant (a form, an attachment, a submission).
local SUPPLIED = [[提出(?:して|させ|を求め|いただ|する|します|された)|添付|添えて|記入|申請書|申込書|届出書|届け出|申告|持参]]
-- Said to be optional or compulsory, in words.
local SAID = [[任意|必須|必ず(?:提出|添付|記入)|提出(?:しなくても|は不要|は求めない)|希望者のみ|希望する(?:方|人|者)のみ]]
-- The form tells the applicant.
local TOLD = [[(?:任意|必須)(?:である|の)?(?:旨|こと)?(?:を|は)?[^。\n]{0,20}?(?:明記|明示|記載|案内|説明|周知|表示)|(?:申請書|様式|申込書|案内|ホームページ|窓口)[^。\n]{0,20}?(?:任意|必須|提出しなくても)]]

return {
  id        = "collection-optional-supply",
  topic     = "data.minimization",
  severity  = "low",
  title     = { ja = "要配慮個人情報の提出が任意か必須か",
                en = "Whether supplying a sensitive item is optional or compulsory" },
  message   = { ja = "申請者から「{item}」（{what}）を受け取りますが、{gap}",
                en = "Applicants supply \"{item}\" ({what_en}), but {gap_en}" },
  follow_up = { ja = "この項目・添付書類の提出が必須か任意か（「{label:data.items.optional}」欄）と、申請書・案内でそれを申請者にどう伝えるか（「{label:data.supply_told}」欄）を示してください。業務に必須でないなら任意とし、提出しなくても申請できることを様式に明記してください。",
                en = "State whether supplying this item or attachment is compulsory or optional (data.items[].optional) and how the form tells applicants (data.supply_told). If the work does not need it, make it optional and say on the form that applicants may leave it out." },
  precedent = "羽村市個人情報保護審議会 平成21年3月17日 審議1「里帰り出産等妊婦健康診査費助成事業について」: 委員「受診したということの確認のためということだが、領収書だけでなく母子手帳のコピーを取る必要があるのか」; 個人情報の保護に関する法律 第62条（本人から直接書面に記録された個人情報を取得するときの利用目的の明示）（任意・必須の明示を問うた議事録は見当たらず、法の規定）",

  -- needs: check() returns at once without plan.data
  -- needs words: check() returns unless something is taken from the applicant: consultation.kind
  -- collection, a subject of kind applicant, or a text that says SUPPLIED (提出して…: 提出)
  needs = { stated = { "data" }, words = { "collection", "applicant", "提出", "添付", "添えて", "記入", "申請書", "申込書",
                                           "届出書", "届け出", "申告", "持参" } },

  check = function(plan, ctx)
    local data = common.obj(plan.data)
    if not data then return end
    -- a provision of data the body already holds takes nothing from applicants
    local kinds = common.kinds(plan)
    if (kinds.external_provision or kinds.purpose_external_use) and not kinds.collection then return end
    -- is anything taken from the applicant at all?
    -- (the plan's own fields first: the prose is read only when they do not say)
    local supplied = common.has_kind(plan, "collection")
    if not supplied then
      for _, s in ipairs(common.subjects(plan)) do
        if s.kind == "applicant" then supplied = true end
      end
    end
    if not supplied then supplied = situation.mentions(plan, SUPPLIED) ~= nil end
    if not supplied then return end
    -- whether the form tells the applicant: asked only of an item said to be optional
    local function told() return common.answer(data.supply_told) or situation.mentions(plan, TOLD) end
    for _, h in ipairs(common.sensitive_items(plan)) do
      if h.where == "item" and h.class ~= "weak" then
        local it = h.node
        local vars = { item = common.answer(it.name) or "項目", what = h.ja, what_en = h.en }
        local opt = situation.value(it.optional)
        if opt == nil and not hogo.test(situation.words(it.name, it.need), SAID) and not situation.mentions(plan, SAID) then
          vars.gap = "その提出が必須か任意かが記載されていません。"
          vars.gap_en = "the plan does not say whether supplying it is compulsory or optional."
          ctx.report(it, "optional", { vars = vars })
          return
        elseif opt == true and not told() then
          vars.gap = "提出は任意とされていますが、申請書や案内でそれを申請者に伝えることが記載されていません。"
          vars.gap_en = "supplying it is optional, yet the plan does not say the form tells applicants so."
          ctx.report(data, "supply_told", { vars = vars })
          return
        end
      end
    end
  end,
}
