-- subcontracting-allowed: the contractor may pass the personal data on to a further contractor
-- (再委託) without the body's approval.  Each further hand-over is out of the body's sight: the
-- special terms must bind every level, and the body must know who holds the data.
-- Default high; critical for work on 個人番号 (common.my_number), where re-entrustment without the
-- body's permission is contrary to 番号法 第10条.
-- Every contractor is read; the remedy is the field itself (prohibited / with_approval).

return {
  id        = "subcontracting-allowed",
  topic     = "outsourcing.subcontracting",
  severity  = "high",
  title     = { ja = "再委託が制限なく認められている",
                en = "Re-subcontracting allowed without approval" },
  message   = { ja = "{contractor}による再委託が、{body}の承認なしに認められています。{data}が{body}の把握しない事業者に渡るおそれがあります。",
                en = "{contractor_en} may re-subcontract without {body_en}'s approval; {data_en} could reach businesses {body_en} does not know of." },
  follow_up = { ja = "再委託は原則禁止とし、やむを得ない場合は事前の書面承認を条件に、再委託先の名称・業務範囲・安全管理措置を{body}に届け出させ、特記事項を再委託先にも適用してください（「{label:outsourcing.subcontracting}」欄を「禁止」または「承認を得て可」に）。",
                en = "Prohibit re-subcontracting in principle; where unavoidable, require prior written approval, have the contractor report the subcontractor's name, scope and safeguards, and bind the subcontractor by the same special terms (outsourcing.subcontracting: prohibited or with_approval)." },
  precedent = "個人情報保護法 第66条第2項（委託を受けた者・再委託先の安全管理措置）; 個人情報保護委員会「個人情報の保護に関する法律についての事務対応ガイド（行政機関等向け）」（委託先の監督・再委託）; 志木市 令和2年度第3回（2021年2月17日、2023年4月の法施行前の審議）議題(1)（特記仕様書と責任体制）; 第204回国会 参議院 行政監視委員会 閉会後第1号（2021年6月21日）（データ入力業務の中国での再委託）",

  -- needs: check() reports only a contractor whose subcontracting is allowed
  needs = { stated = { "outsourcing" }, words = { "allowed" } },

  check = function(plan, ctx)
    for _, o in ipairs(common.outsourcings(plan)) do
      if o.subcontracting == "allowed" then
        local _, st = gov.level(plan)
        -- work on 個人番号: re-entrustment without the body's permission is contrary to 番号法 第10条
        local mn = common.my_number(plan) ~= nil
        ctx.report(o, "subcontracting", { severity = mn and "critical" or nil,
          precedent = mn and "番号法 第10条（再委託は委託をした者の許諾を得た場合に限る）; 個人情報保護法 第66条第2項" or nil,
          follow_up = mn and { ja = "個人番号を扱う事務の再委託は、番号法第10条により{body}の許諾を得た場合に限られます。「{label:outsourcing.subcontracting}」欄を「" .. hogo.choice("outsourcing.subcontracting", "prohibited") .. "」とするか、「" .. hogo.choice("outsourcing.subcontracting", "with_approval") .. "」として許諾の手続（書面、再委託先の名称・業務範囲・安全管理措置の確認）を示してください。",
                               en = "Under the My Number Act (Article 10) work on Individual Numbers may be re-entrusted only with {body_en}'s permission: set outsourcing.subcontracting to prohibited, or to with_approval and state how permission is given (in writing, after checking the subcontractor's name, scope and safeguards)." } or nil,
          vars = common.with_body(plan, {
          contractor = common.answer(o.contractor) and ("受託者（" .. common.answer(o.contractor) .. "）") or "受託者",
          contractor_en = common.answer(o.contractor) and ("The contractor (" .. common.answer(o.contractor) .. ")") or "The contractor",
          data = st.label_ja, data_en = st.label_en }) })
      end
    end
  end,
}
