-- retention-not-stated: personal data is kept but for how long is not stated: no retention
-- section, an empty one, or an entry without a period (every entry when retention is an array).
-- How long data is kept is a core fact (個人情報保護法 第61条: kept only as long as the purpose
-- needs), so the finding is `incomplete` (記載不足).  low: a question to answer before the session.
-- `"retention": null` on a plan with personal data is consistency-null-contradicted's.
return {
  id        = "retention-not-stated",
  topic     = "retention.period",
  severity  = "low",
  title     = { ja = "保存期間が記載されていない",
                en = "The retention period is not stated" },
  message   = { ja = "{data}を扱う計画ですが、保存期間が記載されていません（記載不足）。",
                en = "The plan handles {data_en} but states no retention period (incomplete)." },
  follow_up = { ja = "{body}と受託者それぞれの保存期間（「{label:retention.period}」欄、例：5年、永年、退所まで。出来事で終わる期間には最長の期間「{label:retention.longest}」も）と、その根拠（文書管理規程、法令、事業の必要性）を示してください。",
                en = "State how long {body_en} and the contractor each keep the data (retention.period, e.g. 5年, 永年, 退所まで; for a period that ends with an event, the longest too: retention.longest) and on what basis (records rules, law, the need of the work)." },
  precedent = "個人情報の保護に関する法律 第61条（個人情報の保有の制限等）; 公文書等の管理に関する法律 第34条; 志木市 令和2年度第3回 議題(1)（受け渡しから3か月以内の廃棄。2023年4月の法施行前の審議）",

  -- needs: check() returns at once unless common.personal_data(plan): data.items or data.subjects
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    if hogo.is_null(plan.retention) then return end    -- consistency-null-contradicted asks
    local st = common.stakes(plan)
    local vars = common.with_body(plan, { data = st.label_ja, data_en = st.label_en })
    local list = common.retentions(plan)
    if plan.retention == nil or #list == 0 then
      ctx.report(plan, "retention", { incomplete = true, vars = vars })
      return
    end
    for _, r in ipairs(list) do
      if r.period == nil or hogo.is_null(r.period) then
        local v = common.with_body(plan, { data = st.label_ja, data_en = st.label_en,
          what = type(r.what) == "string" and ("「" .. r.what .. "」の") or "",
          what_en = type(r.what) == "string" and (" for \"" .. r.what .. "\"") or "" })
        ctx.report(r, "period", { incomplete = true, vars = v,
          message = { ja = "{what}「{label:retention.period}」欄が記載されていません（記載不足）。",
                      en = "No retention period (retention.period) is given{what_en} (incomplete)." } })
      end
    end
  end,
}
