-- disposal-paper-method: how paper records are destroyed.  The council confirmed 「シュレッダーでの
-- 処分ではなく、溶解ということによいか」 (議題(1)) for both the contractor's and the city's copies.
-- Shredding: low -- the council asked it of the city's own copies too -- and medium when the
-- contractor shreds 要配慮 papers; cleared when
-- the plan gives the cut standard (クロスカット, P-4, 〇mm) and who confirms the destruction
-- (職員が立ち会う, 係長が確認).  No method stated: low, and a core fact missing (incomplete).
local CUT = [[クロスカット|マイクロカット|スパイラルカット|細断(?:の)?(?:規格|サイズ|幅)|(?<![A-Za-z])(?:P-?[4-7]|DIN ?66399)(?![A-Za-z0-9])|[0-9.]+\s*(?:mm|ミリ)(?:\s*[x×]\s*[0-9.]+\s*(?:mm|ミリ))?]]
local CONFIRM = [[(?:職員|担当者|責任者|係長|課長|管理者|複数).{0,8}?(?:立会|立ち会|確認|点検)|立会|立ち会|廃棄記録|処分記録]]
return {
  id        = "disposal-paper-method",
  topic     = "disposal.method",
  severity  = "low",
  title     = { ja = "紙媒体の廃棄方法",
                en = "How paper records are destroyed" },
  message   = { ja = "個人情報が記載された紙媒体を{method}で廃棄する計画です。",
                en = "Paper records holding personal data are to be destroyed by {method_en}." },
  follow_up = { ja = "紙媒体は溶解処理（受託者が行う場合は溶解証明の提出）とするか、シュレッダーとする場合は細断の規格（クロスカット等）と、廃棄を確認する者を示してください。",
                en = "Have paper dissolved (with a certificate when the contractor does it), or, if shredded, state the cut standard (cross-cut...) and who confirms the destruction." },
  precedent = "志木市 令和2年度第3回 議題(1)「委託業者及び市で保管しているものについてもシュレッダーでの処分ではなく、溶解ということによいか」" .. situation.PRE_ACT,

  -- needs: check() reports nothing without plan.disposal
  -- needs words: a disposal entry whose medium is paper
  needs = { stated = { "disposal" }, words = { "paper" } },

  check = function(plan, ctx)
    local st = common.stakes(plan)
    -- whether the prose states the standard (cut fine, and confirmed): asked only of a plan that
    -- shreds its paper
    local standard
    local function stated()
      if standard == nil then standard = situation.says(plan, CUT) ~= nil and situation.says(plan, CONFIRM) ~= nil end
      return standard
    end
    for _, d in ipairs(common.list(plan.disposal)) do
      if common.obj(d) and d.medium == "paper" then
        if d.method == nil or hogo.is_null(d.method) then
          ctx.report(d, "method", { severity = "low", incomplete = true, vars = { method = "（方法未記載）", method_en = "an unstated method" },
            message = { ja = "紙媒体の廃棄方法（溶解、シュレッダー、返却など）が記載されていません。",
                        en = "How paper records are destroyed (dissolution, shredding, return...) is not stated." } })
        elseif d.method == "shredding" and not stated() then
          local sev = (d.by == "contractor" and st.sensitive) and "medium" or "low"
          ctx.report(d, "method", { severity = sev, vars = { method = "シュレッダー", method_en = "shredding" } })
        end
      end
    end
  end,
}
