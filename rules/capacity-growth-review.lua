-- capacity-growth-review: a channel through which residents send in applications (a platform
-- such as LINE, online applications, reservations) creates work for the department that grows
-- with use, and the plan says nothing about when the way it is run will be reviewed.  The
-- council: 「キャパを超えないのか」「申請が増えているので成功といえるが、業務負担が増えるよう
-- なら、運用方法を検討するべき」(議題(5)).
--   info (the message notes it when the plan itself reports growing use).
-- Quiet once operations.review says when and how the operation is reviewed, in any words
-- (「半年ごとに件数と処理体制を点検する」「月500件を超えたら専用システム化を検討する」); a review that
-- only defers (「今後検討」) or echoes the question (「適宜見直す」) is no answer.

local INTAKE = [[電子申請|オンライン申請|オンライン予約|ネット予約|予約受付|予約システム|申請受付|受付システム|通報システム|相談窓口|チャットボット]]
local GROWTH = [[増加|増えて|急増|多数を占め|順調に推移|伸びて|右肩上がり|大幅に増]]

-- what stands in operations.review instead of an answer, quoted (「今後検討する」), or ""
local function said(op)
  local v = op and op.review
  if v == nil or gov.blank(v) or common.answer(v) then return "", "" end
  local q = gov.excerpt(common.text(v), 20)
  return "（「" .. hogo.label("operations.review") .. "」欄は「" .. q .. "」とあるだけです。）", " (operations.review only says \"" .. q .. "\".)"
end

return {
  id        = "capacity-growth-review",
  topic     = "operations.capacity",
  severity  = "info",
  title     = { ja = "利用が増えたときの業務負担と見直し",
                en = "Workload as use grows, and when it is reviewed" },
  message   = { ja = "{channel}による受付は、利用が増えるほど担当課の処理件数も増えます。{growth}業務負担が処理能力を超えないか、運用をいつ見直すかが記載されていません。{said}",
                en = "Intake through {channel_en} means more work for the department as use grows. {growth_en}The plan does not say whether the workload stays within capacity or when the operation is reviewed.{said_en}" },
  follow_up = { ja = "受付件数と処理体制（担当職員数・処理日数）の見込み、件数の把握方法、業務負担が増えた場合に運用方法（専用システム化・受付の制限等）を見直す時期と基準を「{label:operations.review}」欄に示してください。",
                en = "Show the expected volume and who processes it (staff, turnaround), how volume is tracked, and when and on what threshold the operation (a dedicated system, limits) will be reviewed (operations.review)." },
  precedent = "志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(5)「粗大ごみ収集・運搬の申請件数が多いようだが、キャパを超えないのか」「申請が増えているので成功といえるが、業務負担が増えるようなら、運用方法を検討するべき」; 宮崎県個人情報保護審議会 第38回（令和2年7月1日）諮問第63号: 委員「事業開始後の現況評価や問題点等の検証は、アンケートや聞き取りで行うのか」",

  -- needs: check() reports only on a platforms list (its key is in the text) or a plan that says INTAKE
  needs = { words = { "platforms", "電子申請", "オンライン申請", "オンライン予約", "ネット予約", "予約受付", "予約システム", "申請受付",
                      "受付システム", "通報システム", "相談窓口", "チャットボット" } },

  check = function(plan, ctx)
    local op = common.obj(plan.operations)
    -- (operations null reads as not stated: a running intake is never "not applicable" to review)
    -- a review is stated (「今後検討」「別途定める」 is not one: common.answer)
    if op and common.answer(op.review, { "見直し", "見直す" }) then return end
    local channel, channel_en
    local platforms = common.list(plan.platforms)
    if #platforms > 0 then
      local p = platforms[1]
      channel = common.answer(p.name) or "外部プラットフォーム"   -- (a placeholder name is no name)
      channel_en = channel
    elseif not common.outsourced(plan) then
      -- the city's own intake; outsourced intake is the contractor's capacity
      local f = gov.find_claim(plan, INTAKE)
      if not f then return end
      channel = hogo.match(f.text, INTAKE) or "電子申請"
      channel_en = "online applications (" .. channel .. ")"
    else
      return
    end
    local growth, growth_en = "", ""
    local g = gov.find_claim(plan, GROWTH)
    if g then
      growth = "計画にも「" .. gov.quote(g, GROWTH, 30) .. "」とあり、件数は増えています。"
      growth_en = "The plan itself reports growing use. "
    end
    local s, s_en = said(op)
    ctx.report(op or plan, op and "review" or "operations", { vars = {
      channel = channel, channel_en = channel_en, growth = growth, growth_en = growth_en, said = s, said_en = s_en } })
  end,
}
