-- network-sanitization: data that arrives over the internet (電子申請, e-mail, an app, an upload) is
-- taken into systems on LGWAN or a closed network, with nothing said on 無害化 (the 三層の対策 step that
-- strips files from the internet before they cross into the LGWAN side).  羽村市の審議会 deliberated
-- the 電子申請サービス「LoGoフォーム」; the 総務省 guideline's chapter 「情報システム全体の強靭性の
-- 向上」 sets the three-tier separation (only its title and contents were read).  medium.  Quiet
-- when a transfer's method is sanitization, or the prose names 無害化 (画像化, テキスト化, サニタイズ).

local INTERNET_METHODS = { web_upload = true, email = true, encrypted_email = true, third_party_app = true }
local INTAKE = [[電子申請|オンライン申請|LoGoフォーム|ぴったりサービス|マイナポータル|(?:メール|Web|ウェブ|インターネット)で(?:受け付|受付|申請|提出)]]
local SANITIZED = [[無害化|サニタイズ|画像化|テキスト化|CDR|ファイル(?:の)?分離]]

local function intake(plan)
  for _, t in ipairs(common.list(plan.transfers)) do
    -- (a notice to a resident leaves the body: nothing comes in through it)
    if INTERNET_METHODS[t.method] and not situation.notice(t) then return t, "method" end
  end
  for _, s in ipairs(common.list(plan.storage)) do
    if s.network == "internet" then return s, "network" end
  end
  local f = tech.says(plan, INTAKE)
  if f then return f.node, f.key end
  return nil
end

local function closed_side(plan)
  for _, s in ipairs(common.list(plan.storage)) do
    if s.network == "lgwan" or s.network == "closed" or s.location == "lgwan_asp" or s.location == "gov_cloud" then return s end
  end
  -- the network of electronic data kept in the offices not stated: the same question (a plan
  -- never does better by leaving the network out than by naming LGWAN)
  for _, s in ipairs(common.list(plan.storage)) do
    if s.medium ~= "paper" and s.location == "on_premise" and situation.value(s.network) == nil then return s end
  end
  return nil
end

return {
  id        = "network-sanitization",
  topic     = "network.separation",
  severity  = "medium",
  title     = { ja = "インターネットから受け取ったデータの無害化",
                en = "Sanitising data received from the internet" },
  message   = { ja = "インターネット経由で受け取ったデータを、LGWAN・閉域の「{what}」に取り込む計画ですが、取り込む前の無害化（ファイルの無害化、画像化・テキスト化）が記載されていません。",
                en = "Data received over the internet is taken into \"{what}\" on LGWAN or a closed network, but the plan does not say it is sanitised before it crosses over." },
  follow_up = { ja = "インターネット接続系からLGWAN接続系・基幹系へデータを移す際の無害化の方法（無害化ツール、画像化・テキスト化）を記載してください（「{label:transfers.method}」欄は「無害化」）。",
                en = "State how data is sanitised when it moves from the internet side to the LGWAN or core side (a sanitising tool, conversion to images or text) (transfers[].method: sanitization)." },
  precedent = "羽村市個人情報保護審議会 令和4年9月29日 審議「電子申請サービス『LoGoフォーム』の運用」; 総務省「地方公共団体における情報セキュリティポリシーに関するガイドライン」（平成30年9月版）第1編 目次「情報システム全体の強靭性の向上」（三層の対策。本文は未読）",

  -- needs: check() returns unless closed_side(plan) finds a storage entry
  -- needs words: intake(): a transfer by web_upload, email, encrypted_email or third_party_app, a
  -- storage entry on the internet, or the prose says INTAKE ((メール|Web|ウェブ|インターネット)で…: those)
  needs = { stated = { "storage" }, words = { "email", "web", "third_party_app", "internet", "電子申請", "オンライン申請", "logoフォーム", "ぴったりサービス",
                                                  "マイナポータル", "メール", "ウェブ", "インターネット" } },

  check = function(plan, ctx)
    local node, key = intake(plan)
    if not node then return end
    local s = closed_side(plan)
    if not s then return end
    for _, t in ipairs(common.list(plan.transfers)) do
      if t.method == "sanitization" then return end
    end
    if tech.mentions(plan, SANITIZED) then return end
    ctx.report(node, key, { vars = { what = s.what or "システム" } })
  end,
}
