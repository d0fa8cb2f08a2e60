-- disposal-not-stated: the plan handles personal data but says nothing about how it is
-- destroyed or returned at the end: no disposal section, an empty one, or an entry without a
-- method.  How the data is destroyed is a core fact, so the finding is `incomplete` (記載不足).
-- The council settled the cemetery case on 溶解 with a certificate within 3 months (議題(1));
-- without a disposal plan there is nothing to hold the contractor to.  low: a question to
-- answer before the session.  `"disposal": null` on a plan with personal data is
-- consistency-null-contradicted's (it may stand only when everything is kept 永年).
-- Data kept in a service (cloud, LGWAN-ASP, ガバメントクラウド) is deleted there, not destroyed
-- physically by the body: the follow-up asks for what fits.
local SERVICES = { cloud = true, lgwan_asp = true, gov_cloud = true }
local function in_a_service(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if common.obj(s) and SERVICES[s.location] then return true end
  end
  return false
end
local SERVICE_FOLLOW_UP = {
  ja = "サービス上のデータについては、契約終了・保存期間経過時の消去の方法（「{label:disposal.method}」欄：削除）、消去を行う者、期限と消去証明の提出を、紙などその他の媒体については廃棄の方法（溶解、裁断、返却）を「{label:disposal}」欄に示してください。",
  en = "For the data in the service, state how it is deleted when the contract or retention period ends (disposal.method: deletion), who deletes it, the deadline and a certificate of deletion; for paper and other media, the method (dissolution, shredding, return) (disposal)." }

-- the prose tells of paper being destroyed
local PAPER_DESTROYED = [[溶解|シュレッダ|裁断|焼却]]

return {
  id        = "disposal-not-stated",
  topic     = "disposal.method",
  severity  = "low",
  title     = { ja = "廃棄・返却の方法が記載されていない",
                en = "How the data is destroyed or returned is not stated" },
  message   = { ja = "{data}を扱う計画ですが、業務終了後や保存期間経過後の廃棄・返却の方法が記載されていません（記載不足）。",
                en = "The plan handles {data_en} but does not say how it is destroyed or returned after the work or the retention period (incomplete)." },
  follow_up = { ja = "紙・電子媒体ごとに、廃棄の方法（溶解、消去、物理破壊、返却）、誰が行うか、期限、受託者が行う場合の廃棄証明の提出を「{label:disposal}」欄に示してください。",
                en = "For paper and electronic media, state the method (dissolution, erasure, physical destruction, return), who does it, the deadline, and a certificate when the contractor does it (disposal)." },
  precedent = "志木市 令和2年度第3回 議題(1)「受け渡しから3か月以内に溶解証明を提出してもらうか、返却していただく」（2023年4月の法施行前の審議）",

  -- needs: check() returns at once unless common.personal_data(plan): data.items or data.subjects
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    if hogo.is_null(plan.disposal) then return end     -- consistency-null-contradicted asks
    local st = common.stakes(plan)
    local list = common.list(plan.disposal)
    if plan.disposal == nil or #list == 0 then
      ctx.report(plan, "disposal", { incomplete = true, vars = { data = st.label_ja, data_en = st.label_en },
                                     follow_up = in_a_service(plan) and SERVICE_FOLLOW_UP or nil })
      return
    end
    -- paper the plan tells of destroying (「調査票は溶解処理する」) with no disposal entry for
    -- paper: the list says less than the plan means (an entry with no medium covers every medium)
    local covered = {}
    for _, d in ipairs(list) do
      if common.obj(d) then covered[type(d.medium) == "string" and d.medium or "any"] = true end
    end
    if not covered.any and not covered.paper and situation.says(plan, PAPER_DESTROYED) then
      ctx.report(plan.disposal, nil, { incomplete = true,
        message = { ja = "紙の書類を廃棄する計画（本文）ですが、紙の廃棄・返却の方法が「{label:disposal}」欄に記載されていません（記載不足）。",
                    en = "The text tells of destroying paper, but disposal says nothing of how the paper is destroyed or returned (incomplete)." } })
    end
    for _, d in ipairs(list) do
      if common.obj(d) and (d.method == nil or hogo.is_null(d.method)) then
        local medium = ({ paper = "紙", electronic = "電子データ", device = "機器・媒体" })[d.medium]
        ctx.report(d, "method", { incomplete = true,
          vars = { what = medium and ("（" .. medium .. "）") or "", what_en = type(d.medium) == "string" and (" (" .. d.medium .. ")") or "" },
          message = { ja = "「{label:disposal.method}」欄が記載されていません{what}（記載不足）。",
                      en = "No disposal method (disposal.method) is given{what_en} (incomplete)." } })
      end
    end
  end,
}
