"""The console's words for the policy's rows, the coupon form and the order form, in English
and Simplified Chinese (merged into ``i18n.STRINGS``; kept apart so neither file grows long)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # Tiers and campaigns in the policy form (backend/console/policy_rows.py).
    "tiers_title": ("Tiers", "会员等级"),
    "tiers_note": (
        "From the lowest tier to the highest: each threshold (yearly spend) above the one "
        "before. Tick a row to remove it; fill a blank row to add one.",
        "从最低等级到最高等级排列：每个门槛（年消费额）须高于上一行。勾选即删除该行；填写空行即添加。",
    ),
    "tier_row": ("Tier {name}", "等级 {name}"),
    "tier_name": ("Tier code", "等级代码"),
    "tier_multiplier": ("Points multiplier", "积分倍数"),
    "tier_min_spend": ("Threshold (yearly spend)", "门槛（年消费额）"),
    "tier_privileges": ("Privileges (comma-separated)", "权益（逗号分隔）"),
    "campaigns_title": ("Campaigns", "营销活动"),
    "campaigns_note": (
        "Extra multipliers for a time (UTC, e.g. 2026-12-01 00:00), for every tier or the "
        "tier codes listed. Tick a row to remove it; fill a blank row to add one.",
        "限时额外积分倍数（UTC 时间，例如 2026-12-01 00:00），适用于所有等级或所列等级代码。"
        "勾选即删除该行；填写空行即添加。",
    ),
    "campaign_row": ("Campaign {name}", "活动 {name}"),
    "campaign_name": ("Campaign name", "活动名称"),
    "campaign_multiplier": ("Extra multiplier", "额外倍数"),
    "campaign_starts": ("Starts (UTC)", "开始（UTC）"),
    "campaign_ends": ("Ends (UTC)", "结束（UTC）"),
    "campaign_tiers": ("Tier codes (empty: all)", "等级代码（留空：全部）"),
    "campaign_tiers_short": ("Tiers", "适用等级"),
    "remove_row": ("Remove", "删除"),
    "bad_tier_name": (
        "1 to 32 small letters, digits, _ or -, e.g. gold",
        "1 到 32 个小写字母、数字、_ 或 -",
    ),
    "tier_name_taken": ("Another tier has this code", "已有等级使用此代码"),
    "thresholds_ascending": (
        "Must be above the threshold of the tier before",
        "须高于上一等级的门槛",
    ),
    "bad_privileges": (
        "At most 10, each up to 32 characters, separated by commas",
        "最多 10 项，每项不超过 32 个字符，用逗号分隔",
    ),
    "need_a_tier": ("The policy needs at least one tier.", "积分规则至少需要一个等级。"),
    "bad_campaign_name": ("A name of 1 to 64 characters", "名称为 1 到 64 个字符"),
    "campaign_name_taken": ("Another campaign has this name", "已有活动使用此名称"),
    "bad_time": ("A UTC time, e.g. 2026-12-01 00:00", "请填写 UTC 时间，例如 2026-12-01 00:00"),
    "ends_before_starts": ("Must be after the start", "须晚于开始时间"),
    "unknown_tier": (
        "Only tier codes from the tiers above, comma-separated",
        "只能填写上方已有的等级代码，用逗号分隔",
    ),
    # The coupon form (backend/console/coupon_form.py).
    "coupon_form": ("Give a coupon", "发放优惠券"),
    "coupon_form_note": (
        "The coupon reaches the member's phone at its next refresh; a counter accepts it once. "
        "Look at the preview, then give it.",
        "优惠券将在会员手机下次刷新时送达，柜台只能核销一次。请先预览，再发放。",
    ),
    "give_coupon_form": ("Give a coupon…", "发放优惠券…"),
    "coupon_preview": ("The coupon to give", "将发放的优惠券"),
    "preview_coupon": ("Preview the coupon", "预览优惠券"),
    "coupon_value": ("Value", "面值"),
    "coupon_value_hint": (
        "Amount off: e.g. 20.00; percent off: 1 to 100; gift: its name",
        "减免金额：例如 20.00；折扣：1 到 100；赠品：赠品名称",
    ),
    "coupon_value_amount": ("Amount off", "减免金额"),
    "coupon_value_percent": ("Percent off", "折扣百分比"),
    "coupon_value_gift": ("Gift", "赠品"),
    "coupon_title": ("Title on the phone (optional)", "手机上显示的标题（可选）"),
    "coupon_stores": (
        "Stores (comma-separated; empty: every store)",
        "门店（逗号分隔；留空：所有门店）",
    ),
    "coupon_title_short": ("Title", "标题"),
    "coupon_stores_short": ("Stores", "门店"),
    "every_store": ("every store", "所有门店"),
    "bad_coupon_kind": ("Choose a kind", "请选择类型"),
    "bad_amount": (
        "An amount above 0 with at most two decimals, e.g. 20.00",
        "大于 0 且最多两位小数的金额，例如 20.00",
    ),
    "bad_percent": ("A whole percent from 1 to 100", "1 到 100 的整数百分比"),
    "bad_gift": ("Name the gift: 1 to 64 characters", "请填写赠品名称：1 到 64 个字符"),
    "bad_title": ("A title of 1 to 64 characters", "标题为 1 到 64 个字符"),
    "bad_stores": (
        "Store ids separated by commas (each 1 to 64 letters, digits, . _ -)",
        "以逗号分隔的门店编号（每个 1 到 64 个字母、数字或 . _ -）",
    ),
    "bad_days": ("From 1 to 3650 days", "1 到 3650 天"),
    "member_not_yet": (
        "Member {member} has not signed in yet: it waits for their first sign-in.",
        "会员 {member} 尚未登录：将在其首次登录后送达。",
    ),
    # The order form (backend/console/order_form.py).
    "order_form": ("Add a pickup order", "添加自提订单"),
    "order_form_note": (
        "The order reaches its store's terminals at their next sync and the member's phone at "
        "its next refresh. Look at the preview, then add it.",
        "订单将在门店终端下次同步时送达，并在会员手机下次刷新时送达。请先预览，再添加。",
    ),
    "add_order_form": ("Add a pickup order…", "添加自提订单…"),
    "order_preview": ("The order to add", "将添加的订单"),
    "preview_order": ("Preview the order", "预览订单"),
    "order_items": ("Items", "商品"),
    "rows_note": ("Fill a blank row to add an item.", "填写空行即可添加商品。"),
    "item_sku": ("SKU", "商品编码"),
    "item_name": ("Item name", "商品名称"),
    "item_qty": ("Quantity", "数量"),
    "bad_sku": ("1 to 64 letters, digits, . _ -", "1 到 64 个字母、数字或 . _ -"),
    "sku_taken": ("This SKU is already in the order", "订单中已有此商品编码"),
    "bad_item_name": ("A name of 1 to 64 characters", "名称为 1 到 64 个字符"),
    "bad_qty": ("A whole number from 1 to 999", "1 到 999 的整数"),
    "need_an_item": ("An order needs at least one item.", "订单至少需要一件商品。"),
    "store_not_yet": (
        "No terminal of store {store} is enrolled yet: the order waits for one.",
        "门店 {store} 尚无已注册的终端：订单将等待终端接入。",
    ),
    # The catalog form's reward fields (backend/console/catalog_form.py).
    "reward_form_note": (
        "Empty optional fields leave the reward as it was before they existed: sold at every "
        "store, on every day, without a stock limit. Dates are the stores' local days, both "
        "included. Tick Remove to take the reward out of the catalog.",
        "可选字段留空即不限制：所有门店、每天均可兑换，不限库存。日期按门店当地日期计算，含首尾两天。"
        "勾选“删除此礼品”即从目录中移除。",
    ),
    "reward_name_zh": ("Name in Chinese (optional)", "中文名称（可选）"),
    "reward_name_zh_short": ("Chinese name", "中文名称"),
    "reward_cash_short": ("Money", "另付金额"),
    "reward_stock": ("Stock (optional: empty is unlimited)", "库存（可选：留空为不限）"),
    "reward_stock_short": ("Stock", "库存"),
    "reward_valid_from": (
        "Offered from (YYYY-MM-DD, optional)",
        "兑换开始日期（YYYY-MM-DD，可选）",
    ),
    "reward_valid_until": (
        "Offered until (YYYY-MM-DD, optional)",
        "兑换截止日期（YYYY-MM-DD，可选）",
    ),
    "reward_dates": ("Dates", "兑换日期"),
    "reward_stores": (
        "Stores (comma-separated; empty: every store)",
        "门店（逗号分隔；留空：所有门店）",
    ),
    "reward_stores_short": ("Stores", "门店"),
    "reward_remove": ("Remove this reward", "删除此礼品"),
    "reward_removing": ("removing {id}", "将删除 {id}"),
    "bad_stock": ("A whole number, 0 or more", "请填写不小于 0 的整数"),
    "bad_date": (
        "A date as YYYY-MM-DD, e.g. 2027-01-31",
        "请按 YYYY-MM-DD 填写日期，例如 2027-01-31",
    ),
    "dates_in_order": ("Must not be before the first day", "不能早于开始日期"),
    "no_such_reward": ("The catalog has no reward with this id", "目录中没有此编号的礼品"),
    "catalog_invalid": (
        "The catalog would not be valid with this change; look at the JSON view.",
        "此修改会使礼品目录无效，请查看 JSON 内容。",
    ),
}
