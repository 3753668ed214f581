"""What each flag kind means, in words the loyalty office reads, in English and Chinese.

Flags are stored under the stable reason code the backend refused with (docs/sync.md); the
console shows this sentence with the code beside it, so a search for the code still works.
``code_invalid:<reason>`` and ``presence_invalid:<reason>`` carry the verifier's reason.
"""

from __future__ import annotations

KINDS: dict[str, tuple[str, str]] = {
    # Whole batches refused before any event was read.
    "batch_bad_signature": (
        "A batch whose signature does not match the terminal's key",
        "批次签名与终端密钥不符",
    ),
    "batch_malformed": ("A batch that could not be read", "无法读取的批次"),
    "batch_too_large": ("A batch larger than allowed", "批次超过大小上限"),
    "batch_wrong_terminal": (
        "A batch naming another terminal than the one that sent it",
        "批次中的终端与发送终端不符",
    ),
    "batch_replayed": ("A batch sent again with other contents", "重复发送且内容不同的批次"),
    # The terminal's event chain.
    "seq_reused": ("Two events with one sequence number", "两个事件使用了同一序号"),
    "chain_gap": ("Events missing from the terminal's chain", "终端事件链中缺少事件"),
    "chain_broken": ("The terminal's event chain does not link up", "终端事件链不连续"),
    "id_conflict": ("One event id with two different contents", "同一事件编号内容不同"),
    "event_conflict": (
        "One event id approved for another terminal or request",
        "事件编号已批准给其他终端或请求",
    ),
    # The member's code and presence.
    "code_missing": ("A member event without the member's code", "会员事件缺少会员码"),
    "checkout_missing": ("A member event without its checkout", "会员事件缺少结账编号"),
    "code_invalid": ("A member code that does not verify", "会员码校验未通过"),
    "code_member_mismatch": ("The code belongs to another member", "会员码属于其他会员"),
    "code_mismatch": ("The event's code id does not match its code", "事件的码编号与会员码不符"),
    "wrong_purpose": ("The code was made for another purpose", "会员码用途不符"),
    "code_purpose": ("The code was made for another purpose", "会员码用途不符"),
    "code_used": ("A code already used at another counter", "会员码已在其他收银台使用"),
    "already_authorised": (
        "A second approval asked for one code in one checkout",
        "同一结账中同一会员码重复申请授权",
    ),
    "code_reused": (
        "A code used again in another checkout or at another terminal",
        "会员码在其他结账或终端中重复使用",
    ),
    "evidence_ambiguous": ("An event with conflicting evidence", "事件凭据相互矛盾"),
    "document_mismatch": (
        "The code's document does not match the event",
        "会员码所附单据与事件不符",
    ),
    "wrong_document": ("The code carries the wrong kind of document", "会员码所附单据类型不符"),
    "wrong_store": ("A code or event for another store", "会员码或事件属于其他门店"),
    "event_in_future": ("An event dated after it was received", "事件时间晚于接收时间"),
    "presence_kind": (
        "A manual identification used for a kind it cannot serve",
        "手动识别用于不允许的操作",
    ),
    "presence_member_mismatch": ("A manual identification of another member", "手动识别的会员不符"),
    "presence_invalid": ("A manual identification that does not verify", "手动识别凭据校验未通过"),
    "presence_other_terminal": (
        "A manual identification issued to another terminal",
        "手动识别凭据属于其他终端",
    ),
    "presence_other_store": (
        "A manual identification issued to another store",
        "手动识别凭据属于其他门店",
    ),
    "presence_checkout_mismatch": (
        "A manual identification of another checkout",
        "手动识别凭据属于其他结账",
    ),
    "totp_locked": (
        "Too many wrong manual codes for one member",
        "同一会员手动验证码错误次数过多",
    ),
    # Figures the backend recomputed.
    "unknown_member": ("A member who was never enrolled", "未注册的会员"),
    "unknown_version": (
        "A policy or catalog version the backend never published",
        "后台未发布过的规则或目录版本",
    ),
    "unknown_reward": ("A reward not in the catalog", "目录中没有的礼品"),
    "unknown_order": ("A pickup order the backend does not know", "后台没有的自提订单"),
    "unknown_item": ("An item that is not part of the order", "不属于该订单的商品"),
    "bad_amount": ("An impossible amount of money", "不合理的金额"),
    "bad_sign": ("Points with the wrong sign for the operation", "积分正负号与操作不符"),
    "bad_day": ("A check-in for an impossible day", "签到日期不合理"),
    "points_mismatch": ("Points that do not match the policy", "积分与规则计算结果不符"),
    "cash_mismatch": ("Cash that does not match the catalog", "现金部分与目录不符"),
    "over_max_purchase": ("A purchase above the most that earns points", "消费金额超过可积分上限"),
    "discount_mismatch": (
        "Points as cash at a rate other than the policy's",
        "积分抵现比例与规则不符",
    ),
    "discount_over_cap": ("Points as cash beyond the policy's caps", "积分抵现超过规则上限"),
    "insufficient_points": ("More points spent than the member has", "使用积分超过会员余额"),
    "balance_limit": ("A balance beyond what a card can carry", "余额超出会员卡可承载范围"),
    "catalog_outdated": ("A redemption at an outdated catalog price", "按过期目录价格兑换"),
    # Once-only claims.
    "already_awarded": ("A second award on one code", "同一会员码重复积分"),
    "already_redeemed": ("A second redemption on one code", "同一会员码重复兑换"),
    "already_discounted": (
        "A second points-as-cash discount on one code",
        "同一会员码重复积分抵现",
    ),
    "already_checked_in": ("A second check-in that day in the store", "当天在该门店重复签到"),
    "checkin_reused": ("A second check-in that day in the store", "当天在该门店重复签到"),
    "sale_reused": ("A second award for one till sale", "同一笔收银交易重复积分"),
    "order_reused": ("An order handed over at a second terminal", "订单在第二台终端交付"),
    "order_elsewhere": ("An order begun at another terminal", "订单已在其他终端开始交付"),
    "order_handed_over": ("An order handed over again", "订单被重复交付"),
    "items_exceed_remaining": ("More items handed over than remain", "交付数量超过剩余数量"),
    "coupon_used": ("A coupon used again", "优惠券被重复使用"),
    "coupon_reused": ("A coupon used again", "优惠券被重复使用"),
    # Refunds and reversals.
    "refund_exceeds_original": ("A refund beyond the original purchase", "退款超过原消费"),
    "original_not_accepted": (
        "A refund or reversal of an operation never accepted",
        "退款或冲正的原操作未被接受",
    ),
    "original_other_member": ("A refund or reversal naming another member", "退款或冲正的会员不符"),
    "original_other_terminal": (
        "A refund or reversal of another terminal's operation",
        "退款或冲正其他终端的操作",
    ),
    "already_voided": ("A redemption reversed twice", "兑换被重复冲正"),
    # The office's own manual changes, always shown for a second person's review.
    "office_adjustment": (
        "Points adjusted by hand in the office",
        "运营中心手动调整积分",
    ),
}

# The verifier's reasons after ``code_invalid:`` / ``presence_invalid:`` (crypto.Reason).
DETAILS: dict[str, tuple[str, str]] = {
    "too_large": ("too large", "过大"),
    "malformed": ("unreadable", "无法读取"),
    "unsupported": ("unsupported version", "版本不支持"),
    "unknown_key": ("unknown key", "未知密钥"),
    "bad_signature": ("forged or damaged signature", "签名伪造或损坏"),
    "expired": ("expired", "已过期"),
    "not_yet_valid": ("not yet valid", "尚未生效"),
    "revoked": ("revoked", "已吊销"),
    "stale": ("too old", "过旧"),
    "future": ("dated in the future", "时间在未来"),
    "replayed": ("used before", "已使用过"),
    "wrong_purpose": ("wrong purpose", "用途不符"),
    "wrong_member": ("another member's", "属于其他会员"),
    "wrong_store": ("another store's", "属于其他门店"),
    "wrong_root": ("another programme's", "属于其他会员计划"),
    "older_bundle": ("older trust bundle", "信任包过旧"),
    "weak_key": ("weak key", "弱密钥"),
}


def describe(kind: str, language: str) -> str:
    """The flag's meaning in ``language``; an unknown kind shows as itself rather than fail."""
    column = 1 if language == "zh_CN" else 0
    base, _, detail = kind.partition(":")
    words = KINDS.get(base)
    if words is None:
        return kind
    sentence = words[column]
    if detail:
        said = DETAILS.get(detail)
        fill = said[column] if said else detail
        sentence = f"{sentence}（{fill}）" if column else f"{sentence} ({fill})"
    return sentence
