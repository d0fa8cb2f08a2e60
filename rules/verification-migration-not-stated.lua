-- verification-migration-not-stated: a data migration or hand-over with no word on who checks
-- it.  A migration is where records get lost, duplicated or copied out; the council asked who
-- checks it and wanted more than one person (議題(2)).  low (a question).  A check told only as
-- a deferral or the skeleton's hint (「適切に確認する」) is no check: asked, quoted.  A live read
-- (カードの読み取り, リアルタイムの照会, API) is not a migration.
local MIGRATION = [[移行|移管|引継|引き継|移し替|取込|取り込|コンバート|データ変換|migrat]]
local LIVE = [[リアルタイム|即時|都度|読み取|読取|照会|参照]]
local LIVE_METHODS = { api = true, third_party_app = true }

-- a migration, not a live read: the text speaks of one, and the hand-over is not a live read
-- (an API call or a read each time, unless the text still says 移行)
local function migration(t, text)
  if not hogo.test(text, MIGRATION, "i") then return false end
  if hogo.test(text, [[移行|移管|引継|引き継|移し替|migrat]], "i") then return true end
  return not (LIVE_METHODS[t.method] or hogo.test(text, LIVE))
end

return {
  id        = "verification-migration-not-stated",
  topic     = "verification.single_person",
  severity  = "low",
  title     = { ja = "データ移行の確認体制が記載されていない",
                en = "Who checks the data migration is not stated" },
  message   = { ja = "「{what}」のデータ移行・引継ぎについて、誰がどのように確認するかが記載されていません。",
                en = "Who checks the migration or hand-over of \"{what}\", and how, is not stated." },
  follow_up = { ja = "移行作業に立ち会い確認する職員の人数と役割（「{label:transfers.verification.staff}」欄）、件数の照合方法と移行後の元データの消去（「{label:transfers.verification.how}」欄）を示してください。一人の職員に任せない体制としてください。",
                en = "State how many staff witness and check the migration and their roles, how record counts are reconciled, and how the source data is erased afterwards. Do not leave it to one person." },
  precedent = "志木市 令和2年度第3回 議題(2)「システムへのデータ移行時、担当職員が作業を確認するとなっているが、属人的な管理では不安である」（2023年4月の法施行前の審議）",

  -- needs: check() reports only a transfer whose words say MIGRATION, or a plan whose prose says
  -- データ(の)?(移行|移管|引継|引き継|移し替)
  needs = { words = { "移行", "移管", "引継", "引き継", "移し替", "取込", "取り込", "コンバート", "データ変換", "migrat" } },

  check = function(plan, ctx)
    local any_migration = false
    -- when the purpose or contract speaks of a data migration, a transfer into the city's own
    -- system (…システム, …課) is taken to be that migration even if its text does not say so
    local plan_migrates = common.personal_data(plan) and common.find_text(plan, [[データ(の)?(移行|移管|引継|引き継|移し替)]],
                                 { purpose = true, description = true, contract = true, scope = true }) or nil
    for _, t in ipairs(common.list(plan.transfers)) do
      local text = common.text(t.what) .. " " .. common.text(t.from) .. " " .. common.text(t.to)
      if common.obj(t) and (migration(t, text) or (plan_migrates and common.is_city(t.to, plan) and not LIVE_METHODS[t.method])) then
        any_migration = true
        if t.verification == nil or hogo.is_null(t.verification) then
          ctx.report(t, "verification", { vars = { what = t.what or "データ" } })
        elseif common.obj(t.verification) and t.verification.staff == nil then
          local how, why = common.answer(t.verification.how)
          if not how and why ~= "null" then
            if t.verification.how ~= nil then
              ctx.report(t.verification, "how", { vars = { what = t.what or "データ", quote = gov.excerpt(t.verification.how, 24) },
                message = { ja = "「{what}」のデータ移行の確認が「{quote}」とだけあり、誰がどのように確認するかが記載されていません。",
                            en = "The check of the migration of \"{what}\" is given only as \"{quote}\": who checks it, and how, is not stated." } })
            else
              ctx.report(t.verification, "staff", { vars = { what = t.what or "データ" } })
            end
          end
        end
      end
    end
    -- the plan says it migrates data (purpose, contract, scope) but lists no transfer at all
    -- (when transfers are listed, the migration is taken to be one of them)
    if not any_migration and plan.transfers == nil then
      local f = plan_migrates
      if f then
        ctx.report(plan, "transfers", {
          message = { ja = "データの移行を行う計画（「{quote}」）ですが、移行の方法と確認体制（「{label:transfers}」欄）が記載されていません。",
                      en = "The plan includes a data migration (\"{quote}\") but does not describe how it is done or who checks it (transfers)." },
          vars = { quote = common.excerpt(f.text, 40) } })
      end
    end
  end,
}
