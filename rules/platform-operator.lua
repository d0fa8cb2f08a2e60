-- platform-operator: a third-party platform is used but its operator is not named, so the
-- body cannot say whose terms govern residents' data.  low.  A placeholder (〇〇株式会社) or a
-- deferral is not a name: the finding quotes it.  null is not "not applicable": every platform
-- has an operator.

return {
  id        = "platform-operator",
  topic     = "platform.third_party",
  severity  = "low",
  title     = { ja = "外部プラットフォームの運営事業者が記載されていない",
                en = "Operator of the third-party platform not stated" },
  message   = { ja = "{name}の運営事業者が記載されていません。",
                en = "The operator of {name} is not stated." },
  follow_up = { ja = "運営事業者と、{body}が契約する連携事業者（ある場合）を記載し、利用規約・契約で定める個人情報の取扱いを示してください。",
                en = "Name the operator and any integrator {body_en} contracts with, and show how the terms and contracts treat personal data." },
  precedent = "志木市 令和2年度第3回 議題(5)（LINEを活用した電子申請）" .. situation.PRE_ACT .. "; 内閣官房・個人情報保護委員会・金融庁・総務省「政府機関・地方公共団体等における業務でのLINE利用状況調査を踏まえた今後のLINEサービス等の利用の際の考え方（ガイドライン）」（2021年4月30日）",

  -- needs: check() walks plan.platforms and nothing else
  needs = { stated = { "platforms" } },

  check = function(plan, ctx)
    for _, p in ipairs(common.list(plan.platforms)) do
      local name = common.answer(p.name) or "外部プラットフォーム"
      local answer, why = common.answer(p.operator)
      if not answer then
        local opts = { vars = common.with_body(plan, { name = name, quote = gov.excerpt(p.operator, 20) }) }
        if why == "placeholder" or why == "deferral" then
          opts.message = { ja = "{name}の運営事業者が「{quote}」とされ、示されていません。",
                           en = "The operator of {name} is given as \"{quote}\": it is not named." }
        end
        ctx.report(p, "operator", opts)
      end
    end
  end,
}
