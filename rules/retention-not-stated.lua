-- retention-not-stated: personal data is kept but for how long is not stated (or a retention
-- object without a period).  Keeping data no longer than needed is the basis of every later
-- disposal question.  low (a question).
return {
  id        = "retention-not-stated",
  topic     = "retention.period",
  severity  = "low",
  title     = { ja = "保存期間が記載されていない",
                en = "The retention period is not stated" },
  message   = { ja = "{data}を扱う計画ですが、保存期間が記載されていません。",
                en = "The plan handles {data_en} but states no retention period." },
  follow_up = { ja = "市と受託者それぞれの保存期間と、その根拠（文書管理規程、法令、事業の必要性）を示してください。",
                en = "State how long the city and the contractor each keep the data, and on what basis (records rules, law, the need of the work)." },
  precedent = "個人情報保護法 第61条（個人情報の保有の制限等）; 公文書等の管理に関する法律 第34条; 志木市 令和2年度第3回 議題(1)（受け渡しから3か月以内の廃棄）",

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    local st = common.stakes(plan)
    local vars = { data = st.label_ja, data_en = st.label_en }
    local r = plan.retention
    if r == nil then
      ctx.report(plan, "retention", { vars = vars })
    elseif common.obj(r) and r.period == nil then
      ctx.report(r, "period", { vars = vars,
        message = { ja = "保存期間（retention.period）が記載されていません。", en = "retention.period is not given." } })
    end
  end,
}
