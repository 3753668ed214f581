"""The console's words for what the data holds as codes: tiers, ledger kinds, device states and
flag details, in English and Chinese.

The database keeps stable codes (``gold``, ``award``, ``error: ...``) and English details; a
page in Chinese names each in Chinese. A flag's detail is a sentence the backend wrote in
English with figures in it: the known sentences are matched and said again in the page's
language; one not known shows, in Chinese, a Chinese note with the English kept in the
element's title (hover), so the office never reads English it did not ask for.
"""

from __future__ import annotations

import re

TIERS: dict[str, tuple[str, str]] = {
    "green": ("Green", "绿卡"),
    "bronze": ("Bronze", "铜卡"),
    "silver": ("Silver", "银卡"),
    "gold": ("Gold", "金卡"),
    "platinum": ("Platinum", "白金卡"),
}

EVENT_KINDS: dict[str, tuple[str, str]] = {
    "award": ("Points earned", "消费积分"),
    "redeem": ("Reward redeemed", "兑换礼品"),
    "refund": ("Refund", "退款"),
    "void": ("Redemption reversed", "撤销兑换"),
    "pickup": ("Pickup handed over", "自提交付"),
    "coupon": ("Coupon used", "使用优惠券"),
    "checkin": ("Check-in", "到店签到"),
    "discount": ("Points as cash", "积分抵现"),
    "adjust": ("Office adjustment", "运营中心调整"),
}

# Pickup orders' and coupons' states, and coupon kinds (backend.member_documents).
STATES: dict[str, tuple[str, str]] = {
    "ready": ("ready", "待自提"),
    "handed_over": ("handed over", "已交付"),
    "used": ("used", "已使用"),
    "amount": ("amount off", "减免金额"),
    "percent": ("percent off", "折扣"),
    "gift": ("gift", "赠品"),
}

DEVICE_STATES: dict[str, tuple[str, str]] = {
    "ok": ("ok", "正常"),
    "absent": ("none", "未接入"),
    "none": ("none", "未接入"),
    "off": ("off", "已关闭"),
    "error": ("error", "故障"),
    "unknown": ("not checked", "未检查"),  # reported by `loyalty-terminal sync`: it opens neither
}

# (pattern on the stored English detail, its Chinese); {name} fills from the pattern's groups.
# The sentences come from backend/ingest.py, authorisation.py and presence.py.
DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"^seq (?P<n>\d+) already used$", "序号 {n} 已被使用"),
        (r"^seq (?P<a>\d+)\.\.(?P<b>\d+) missing$", "缺少序号 {a}–{b}"),
        (r"^prev_hash does not match seq (?P<n>\d+)$", "与序号 {n} 的链接哈希不符"),
        (r"^the same event id with different content$", "同一事件编号内容不同"),
        (r"^balance (?P<n>-?\d+)$", "余额 {n}"),
        (r"^the balance would become (?P<n>-?\d+)$", "余额将变为 {n}"),
        (r"^(?P<n>\d+) manual codes tried within (?P<s>\d+) s$", "{s} 秒内尝试了 {n} 个手动验证码"),
        (r"^the same claim twice in one batch$", "同一批次中重复申领"),
        (r"^claimed before in \w+$", "此前已被申领"),
        (r"^\S+ was rejected$", "原操作已被拒绝"),
        (
            r"^this code was already used at another counter or checkout$",
            "此码已在其他收银台或结账中使用",
        ),
        (r"^this code is in use at another counter or checkout$", "此码正在其他收银台或结账中使用"),
        (r"^the backend has no account for this member$", "后台没有此会员的账户"),
    )
]
UNKNOWN_DETAIL = "详情为英文（悬停查看）"


def tier(language: str, name: str) -> str:
    """A tier's name; a tier the programme added later keeps the name it was given."""
    return _pick(language, TIERS.get(name.lower(), (name, name)))


def event_kind(language: str, kind: str) -> str:
    """A ledger entry's kind in words."""
    return _pick(language, EVENT_KINDS.get(kind, (kind, kind)))


def state(language: str, code: str) -> str:
    """An order's or coupon's state, or a coupon's kind, in words."""
    return _pick(language, STATES.get(code, (code, code)))


def device(language: str, state: str) -> tuple[str, str]:
    """(what the fleet's device column says, the terminal's own words for a title)."""
    head, _, detail = state.partition(":")
    words = DEVICE_STATES.get(head.strip())
    if words is None:  # not a documented state: as sent, or in Chinese a word and a title
        return _pick(language, (state, "未知")), "" if language != "zh_CN" else state
    return _pick(language, words), detail.strip()


def flag_detail(language: str, detail: str) -> tuple[str, str]:
    """(a flag's detail in the page's language, the stored English for a title when it differs)."""
    if language != "zh_CN":
        return detail, ""
    head, _, rest = detail.partition(": ")
    if head.startswith("online ") and head.endswith(" refused"):
        kind = event_kind(language, head.removeprefix("online ").removesuffix(" refused"))
        return f"在线{kind}被拒绝：{flag_detail(language, rest)[0]}", detail
    for pattern, chinese in DETAILS:
        found = pattern.match(detail)
        if found:
            return chinese.format(**found.groupdict()), detail
    return UNKNOWN_DETAIL, detail


def _pick(language: str, pair: tuple[str, str]) -> str:
    return pair[1] if language == "zh_CN" else pair[0]
