-- volume-large-scale: a plan about 100,000 people or more (without My Number: those plans are asked
-- by volume-my-number-assessment) that does not state the measures such a file calls for: access
-- logs, strong authentication, encrypted storage.  The 特定個人情報保護評価指針 scales the assessment
-- by the number of people (10万人以上で重点項目評価、30万人以上で全項目評価); the same counts are a fair
-- measure of what a leak would cost for any personal data.  low (a question), at any size: a plan
-- that left out data.persons gets only volume-not-stated (info), so a higher severity here would
-- reward saying less.  Quiet when logging, strong authentication and encryption of every
-- electronic store are stated.

local STRONG = { two_factor = true, ic_card = true, biometric = true }

return {
  id        = "volume-large-scale",
  topic     = "data.volume",
  severity  = "low",
  title     = { ja = "大量の個人情報に見合う安全管理措置",
                en = "Safeguards fit for a large file" },
  message   = { ja = "{n}人分の個人情報を扱う計画ですが、{missing}が記載されていません。",
                en = "The plan holds data on {n} people, but {missing_en} is not stated." },
  follow_up = { ja = "アクセスログの取得（「{label:access.logging}」欄）、二要素認証などの強い認証（「{label:access.authentication}」欄）、電子データの暗号化（「{label:storage.encrypted}」欄）を記載してください。",
                en = "State access logging (access.logging), strong authentication such as two-factor (access.authentication) and encryption of the electronic data (storage.encrypted)." },
  precedent = "個人情報保護委員会「特定個人情報保護評価指針」第5 2 しきい値判断（対象人数10万人以上30万人未満で重点項目評価、30万人以上で全項目評価）を、個人番号を扱わない計画の規模の目安として準用",

  -- needs: check() reports nothing without plan.data
  needs = { stated = { "data" } },

  check = function(plan, ctx)
    local n = common.persons(plan)
    if not n or n < 100000 then return end
    if #common.items_of(plan, "my_number") > 0 then return end
    local a = common.obj(plan.access)
    local missing, missing_en = {}, {}
    if not (a and a.logging == true) then missing[#missing + 1] = "アクセスログ"; missing_en[#missing_en + 1] = "access logging" end
    if not (a and STRONG[a.authentication]) then missing[#missing + 1] = "強い認証"; missing_en[#missing_en + 1] = "strong authentication" end
    for _, s in ipairs(common.list(plan.storage)) do
      if s.medium == "electronic" and s.encrypted ~= true then
        missing[#missing + 1] = "暗号化"; missing_en[#missing_en + 1] = "encryption"; break
      end
    end
    if #missing == 0 then return end
    local d = common.obj(plan.data)
    local node, key = d or plan, d and (d.persons ~= nil and "persons" or "subjects") or "data"
    ctx.report(node, key, { vars = {
      n = common.fmt_int(n), missing = table.concat(missing, "・"), missing_en = table.concat(missing_en, ", ") } })
  end,
}
