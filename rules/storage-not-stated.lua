-- storage-not-stated: the plan handles personal data but does not say where it is kept: no
-- storage section, an empty one, or an entry without a location.  Where the data is kept is a
-- core fact: the council cannot judge a plan without it, so the finding is `incomplete`
-- (記載不足).  The council asks it every time (議題(2)「サーバー及びデータの保管場所はどこか」,
-- 議題(4)「データの保管等はどこで行うのか」).  low: a question to answer before the session.
-- `"storage": null` on a plan with personal data is consistency-null-contradicted's.
-- methods that move electronic data
local ELECTRONIC = { lgwan = true, dedicated_line = true, encrypted_usb = true, usb = true, email = true,
                     encrypted_email = true, web_upload = true, api = true, rpa = true, sanitization = true }

return {
  id        = "storage-not-stated",
  topic     = "storage.location",
  severity  = "low",
  title     = { ja = "データの保管場所が記載されていない",
                en = "Where the data is kept is not stated" },
  message   = { ja = "{data}を扱う計画ですが、データをどこに保管するか（庁舎内のサーバー、データセンター、クラウド、受託者の施設など）が記載されていません。保管場所が分からなければ審議会は判断できません（記載不足）。",
                en = "The plan handles {data_en} but does not say where the data is kept (on-premise server, data centre, cloud, the contractor's site, ...). The council cannot judge the plan without it (incomplete)." },
  follow_up = { ja = "保管場所、媒体（紙・電子）、接続するネットワーク（インターネットから分離されているか）、受託者が保管する場合はその施設と管理方法を「{label:storage}」欄に示してください。",
                en = "State the location, the medium (paper or electronic), the network it is on (separated from the internet or not), and, if the contractor keeps it, where and how (storage)." },
  precedent = "志木市 令和2年度第3回 議題(4)「データの保管等はどこで行うのか」; 議題(2)「サーバー及びデータの保管場所はどこか」",

  -- needs: check() returns at once unless common.personal_data(plan): data.items or data.subjects
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    if not common.personal_data(plan) then return end
    if hogo.is_null(plan.storage) then return end      -- consistency-null-contradicted asks
    local st = common.stakes(plan)
    local list = common.list(plan.storage)
    if plan.storage == nil or #list == 0 then
      ctx.report(plan, "storage", { incomplete = true, vars = { data = st.label_ja, data_en = st.label_en } })
      return
    end
    -- storage lists only paper, yet the body hands over or receives electronic data: where that
    -- data is kept is not stated
    local electronic = false
    for _, s in ipairs(list) do
      if common.obj(s) and s.medium ~= "paper" then electronic = true end
    end
    if not electronic then
      for _, t in ipairs(common.list(plan.transfers)) do
        if common.obj(t) and ELECTRONIC[situation.value(t.method) or ""] and not situation.notice(t)
           and (common.is_city(t.from, plan) or common.is_city(t.to, plan)) then
          ctx.report(plan.storage, nil, { incomplete = true, vars = { what = t.what or "データ", what_en = t.what or "the data" },
            message = { ja = "「{what}」を電子データで受け渡しますが、電子データの保管場所が「{label:storage}」欄に記載されていません（記載不足）。",
                        en = "\"{what_en}\" moves as electronic data, but storage does not say where electronic data is kept (incomplete)." } })
          break
        end
      end
    end
    -- data handed to the contractor, and no storage entry says where the contractor keeps it
    local at_contractor = false
    for _, s in ipairs(list) do
      if common.obj(s) and (s.location == "contractor" or situation.cloudlike(s)) then at_contractor = true end
    end
    if not at_contractor then
      for _, t in ipairs(common.list(plan.transfers)) do
        if common.obj(t) and not situation.notice(t) and common.is_contractor(t.to, plan) then
          ctx.report(plan.storage, nil, { incomplete = true, vars = { what = t.what or "データ", what_en = t.what or "the data", to = t.to },
            message = { ja = "「{what}」を{to}へ渡しますが、{to}での保管場所が「{label:storage}」欄に記載されていません（記載不足）。",
                        en = "\"{what_en}\" is handed to {to}, but storage does not say where {to} keeps it (incomplete)." } })
          break
        end
      end
    end
    -- storage stated, but an entry without a location is the same question about that entry
    for _, s in ipairs(list) do
      if common.obj(s) and (s.location == nil or hogo.is_null(s.location)) then
        ctx.report(s, "location", { incomplete = true,
          vars = { what = s.what or "データ", what_en = s.what or "the data" },
          message = { ja = "「{what}」の「{label:storage.location}」欄が記載されていません（記載不足）。",
                      en = "No location is given for \"{what_en}\" (incomplete)." },
        })
      end
    end
  end,
}
