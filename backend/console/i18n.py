"""Every string of the console in English and Simplified Chinese.

Templates call ``t("key")``; a key missing in either language is a test failure
(tests/test_console_i18n.py), so no page shows an untranslated string.
"""

from __future__ import annotations

from backend.console import form_words, staff_words

LANGUAGES = ("en", "zh_CN")
DEFAULT = "en"

STRINGS: dict[str, tuple[str, str]] = {
    # key: (English, 简体中文)
    "title": ("Loyalty office", "会员运营中心"),
    "lang_other": ("中文", "English"),
    "nav_fleet": ("Fleet", "终端"),
    "nav_enrolment": ("Enrolment codes", "注册码"),
    "nav_flags": ("Flags", "异常"),
    "nav_members": ("Members", "会员"),
    "nav_documents": ("Catalog & policy", "商品与规则"),
    "nav_orders": ("Orders & coupons", "订单与优惠券"),
    "nav_exports": ("Exports", "导出"),
    "sign_in": ("Sign in", "登录"),
    "sign_out": ("Sign out", "退出"),
    "name": ("Name", "用户名"),
    "password": ("Password", "密码"),
    "signed_in_as": ("Signed in as", "当前用户"),
    "wrong_password": ("Wrong name or password.", "用户名或密码错误。"),
    "locked_out": (
        "Too many failed sign-ins. Try again in 15 minutes.",
        "登录失败次数过多，请 15 分钟后再试。",
    ),
    "csrf_refused": (
        "This form has expired or did not come from this console. Reload the page and try again.",
        "表单已过期或并非来自本控制台。请刷新页面后重试。",
    ),
    "forbidden": (
        "Your role does not allow this action.",
        "您的角色无权执行此操作。",
    ),
    "role": ("Role", "角色"),
    "role_viewer": ("viewer", "查看员"),
    "role_operator": ("operator", "操作员"),
    "role_admin": ("administrator", "管理员"),
    "store": ("Store", "门店"),
    "terminal": ("Terminal", "终端"),
    "status": ("Status", "状态"),
    "last_contact": ("Last contact", "最近联系"),
    "queue": ("Waiting events", "待上传"),
    "oldest_pending": ("Oldest waiting", "最早待上传"),
    "versions": ("App / bundle / policy / catalog", "程序 / 信任包 / 规则 / 商品"),
    "clock_offset": ("Clock offset", "时钟偏差"),
    "devices": ("Scanner / camera", "扫码器 / 摄像头"),
    "last_error": ("Last error", "最近错误"),
    "never": ("never", "从未"),
    "stale": ("stale", "失联"),
    "active": ("active", "正常"),
    "revoked": ("revoked", "已吊销"),
    "revoke": ("Revoke", "吊销"),
    "revoked_at": ("Revoked", "吊销时间"),
    "revoke_confirm": ("Revoke this terminal?", "确定吊销此终端？"),
    "terminal_revoked": ("Terminal revoked.", "终端已吊销。"),
    "stale_note": (
        "Terminals not heard from for more than {hours} hours are marked stale.",
        "超过 {hours} 小时没有联系的终端标记为失联。",
    ),
    "fleet_summary": (
        "{total} terminals, {stale} stale.",
        "共 {total} 台终端，{stale} 台失联。",
    ),
    "no_terminals": ("No terminals yet.", "暂无终端。"),
    "create_code": ("Create code", "生成注册码"),
    "valid_hours": ("Valid (hours)", "有效期（小时）"),
    "new_code": ("Enrolment code for store {store}", "门店 {store} 的注册码"),
    "new_code_note": (
        "Shown once. Type it into the terminal's set-up wizard or scan the QR code.",
        "仅显示一次。请在终端设置向导中输入或扫描二维码。",
    ),
    "codes": ("Codes", "注册码列表"),
    "code": ("Code", "编号"),
    "created": ("Created", "创建时间"),
    "expires": ("Expires", "过期时间"),
    "used_by": ("Used by", "使用终端"),
    "unused": ("unused", "未使用"),
    "expired": ("expired", "已过期"),
    "cancel": ("Cancel", "作废"),
    "code_cancelled": ("Code cancelled.", "注册码已作废。"),
    "no_codes": ("No codes.", "暂无注册码。"),
    "bad_store": (
        "A store is 1 to 64 letters, digits, . _ -",
        "门店编号为 1 到 64 个字母、数字或 . _ -",
    ),
    "bad_hours": ("Hours must be between 1 and 168.", "有效期须在 1 到 168 小时之间。"),
    "kind": ("Kind", "类型"),
    "member": ("Member", "会员"),
    "event": ("Event", "事件"),
    "detail": ("Detail", "详情"),
    "at": ("When", "时间"),
    "note": ("Note", "备注"),
    "resolve": ("Resolve", "处理"),
    "resolved": ("Resolved", "已处理"),
    "resolved_by": ("Resolved by {user}: {note}", "{user} 已处理：{note}"),
    "flag_resolved": ("Flag resolved.", "异常已处理。"),
    "already_resolved": ("This flag was already resolved.", "此异常已被处理。"),
    "no_flag": ("There is no such flag.", "没有此异常。"),
    "note_needed": ("A note of 1 to 500 characters is needed.", "请填写 1 到 500 字的备注。"),
    "filter": ("Filter", "筛选"),
    "show": ("Show", "显示"),
    "open": ("open", "未处理"),
    "all": ("all", "全部"),
    "no_flags": ("No flags.", "暂无异常。"),
    "look_up": ("Look up", "查询"),
    "member_id": ("Member id", "会员号"),
    "unknown_member": ("No member with this id.", "没有此会员。"),
    "balance": ("Balance", "积分余额"),
    "tier": ("Tier", "等级"),
    "ledger": ("Ledger", "积分明细"),
    "points": ("Points", "积分"),
    "phones": ("Phones and certificates", "手机与证书"),
    "device": ("Device key", "设备公钥"),
    "replaced": ("Replaced", "已更换"),
    "certificate": ("Certificate", "证书"),
    "revoke_member": ("Revoke member's codes", "吊销会员码"),
    "member_revoked": (
        "Member revoked: terminals refuse their codes after the next bundle update.",
        "会员已吊销：终端更新信任包后将拒绝其会员码。",
    ),
    "login_code": ("Issue login code", "生成登录码"),
    "login_code_for": (
        "Login code for {member}, valid {minutes} minutes, usable once:",
        "会员 {member} 的登录码，{minutes} 分钟内有效，仅可使用一次：",
    ),
    "current_version": ("Version {version}", "第 {version} 版"),
    "publish": ("Publish new version", "发布新版本"),
    "documents_read_only": (
        "The documents as terminals receive them, to read. Change them in the forms linked "
        "below, which check each value and preview the change. To publish a whole file, use",
        "终端收到的文件原文，仅供查看。请在下方链接的表单中修改：表单会检查每个值并预览改动。"
        "如需发布整个文件，请使用命令",
    ),
    "doc_catalog": ("Catalog", "商品目录"),
    "doc_policy": ("Policy", "积分规则"),
    "orders": ("Pickup orders", "自提订单"),
    "order_id": ("Order id", "订单号"),
    "body_json": ("Details (JSON)", "详情（JSON）"),
    "add_order": ("Add order", "添加订单"),
    "order_added": ("Order added.", "订单已添加。"),
    "coupons": ("Coupons", "优惠券"),
    "coupon_id": ("Coupon id", "优惠券号"),
    "value": ("Value", "面值"),
    "days": ("Valid (days)", "有效期（天）"),
    "give_coupon": ("Give coupon", "发放优惠券"),
    "coupon_added": ("Coupon given.", "优惠券已发放。"),
    "bad_id": ("Ids are 1 to 64 letters, digits, . _ -", "编号为 1 到 64 个字母、数字或 . _ -"),
    "id_taken": ("This id is already in use.", "此编号已被使用。"),
    "no_orders": ("No orders.", "暂无订单。"),
    "no_coupons": ("No coupons.", "暂无优惠券。"),
    "exports_note": (
        "Download the ledger or the flags of a period as CSV (UTF-8). Dates are UTC.",
        "按时间段下载积分明细或异常记录（CSV，UTF-8）。日期为 UTC。",
    ),
    "from": ("From", "开始日期"),
    "to": ("To (inclusive)", "结束日期（含）"),
    "export_ledger": ("Download ledger", "下载积分明细"),
    "export_flags": ("Download flags", "下载异常记录"),
    "bad_period": (
        "Give dates as YYYY-MM-DD, from before to.",
        "日期格式为 YYYY-MM-DD，且开始不晚于结束。",
    ),
    "minutes": ("{n} min", "{n} 分钟"),
    "read_only": ("Your role can view this page only.", "您的角色仅可查看此页面。"),
    # The audit trail (backend/console/audit.py).
    "nav_audit": ("Audit", "操作审计"),
    "audit_note": (
        "Every action taken in this console or with `loyalty-backend admin`, newest first. "
        "Entries cannot be changed or deleted.",
        "本控制台及 `loyalty-backend admin` 命令的每项操作，按时间倒序。记录不可修改或删除。",
    ),
    "actor": ("Who", "操作人"),
    "action": ("Action", "操作"),
    "source": ("Where", "来源"),
    "source_console": ("console", "控制台"),
    "source_cli": ("command line", "命令行"),
    "target": ("Subject", "对象"),
    "address": ("Address", "地址"),
    "before": ("Before", "操作前"),
    "after": ("After", "操作后"),
    "download_csv": ("Download CSV", "下载 CSV"),
    "no_audit": ("No actions recorded.", "暂无操作记录。"),
    "audit_console_user": ("Console account set", "设置控制台账号"),
    "audit_enrolment_code": ("Enrolment code created", "生成注册码"),
    "audit_enrolment_cancel": ("Enrolment code cancelled", "作废注册码"),
    "audit_flag_resolve": ("Flag resolved", "处理异常"),
    "audit_login_code": ("Login code issued", "生成登录码"),
    "audit_terminal_revoke": ("Terminal revoked", "吊销终端"),
    "audit_member_revoke": ("Member's codes revoked", "吊销会员码"),
    "audit_device_revoke": ("Member's phone revoked", "吊销会员手机"),
    "audit_points_adjust": ("Points adjusted", "调整积分"),
    "audit_publish": ("Document published", "发布文件"),
    "audit_order_add": ("Pickup order added", "添加自提订单"),
    "audit_coupon_give": ("Coupon given", "发放优惠券"),
    "audit_set_tier": ("Tier set", "设置等级"),
    "audit_staff_add": ("Staff account added", "添加员工账户"),
    "audit_staff_enable": ("Staff account enabled", "启用员工账户"),
    "audit_staff_disable": ("Staff account disabled", "停用员工账户"),
    "audit_staff_pin": ("Staff PIN set", "设置员工 PIN"),
    "audit_staff_import": ("Staff accounts imported", "导入员工账户"),
    "audit_staff_lockout_clear": ("Staff lockout cleared", "解除员工锁定"),
    # The member page (backend/console/member_page.py).
    "adjust_points": ("Adjust points", "调整积分"),
    "adjust_note": (
        "Booked as an office event in the ledger and raised as a flag for review.",
        "以运营中心事件记入积分明细，并生成异常供复核。",
    ),
    "reason": ("Reason", "原因"),
    "adjust": ("Adjust", "调整"),
    "bad_adjust_points": (
        "Give a whole number of points other than 0, at most 1,000,000 either way.",
        "请填写非零整数积分，增减均不超过 1,000,000。",
    ),
    "reason_needed": ("A reason of 3 to 500 characters is needed.", "请填写 3 到 500 字的原因。"),
    "adjust_below_zero": (
        "The balance would fall below zero.",
        "调整后余额将低于零。",
    ),
    "points_adjusted": (
        "Points adjusted; a flag awaits review.",
        "积分已调整，已生成异常待复核。",
    ),
    "phone_current": ("in use", "使用中"),
    "phone_replaced": ("replaced", "已更换"),
    "phone_revoked": ("revoked", "已吊销"),
    "revoke_device": ("Revoke phone", "吊销手机"),
    "device_revoked": (
        "Phone revoked: it can no longer refresh, and its codes stop working after the next "
        "bundle update.",
        "手机已吊销：无法再更新证书，终端更新信任包后将拒绝其会员码。",
    ),
    "no_device": ("This member has no such phone in use.", "该会员没有此使用中的手机。"),
    "timeline": ("Ledger timeline", "积分时间线"),
    "day": ("Day", "日期"),
    "balance_after": ("Balance after", "变动后余额"),
    "kind_award": ("earned", "消费积分"),
    "kind_redeem": ("reward", "兑换礼品"),
    "kind_discount": ("points as cash", "积分抵现"),
    "kind_refund": ("refund", "退款"),
    "kind_void": ("reversal", "冲正"),
    "kind_pickup": ("pickup", "自提"),
    "kind_coupon": ("coupon", "优惠券"),
    "kind_checkin": ("check-in", "签到"),
    "kind_adjust": ("office adjustment", "运营中心调整"),
    "used": ("used", "已使用"),
    "order_ready": ("ready", "待取"),
    "order_handed_over": ("handed over", "已交付"),
    # Reports (backend/console/reports.py).
    "nav_reports": ("Reports", "报表"),
    "period": ("Period", "时间段"),
    "last_days": ("last {days} days", "最近 {days} 天"),
    "all_stores": ("all stores", "全部门店"),
    "reports_note": (
        "Days are UTC. Points per day are dated when the operation happened at the counter; "
        "the liability when the backend booked it, so a closed day does not change.",
        "日期为 UTC。每日积分按收银台操作时间统计；积分负债按后台入账时间统计，已结束的日期不再变化。",
    ),
    "report_points": ("Points issued, redeemed and paid as cash", "积分发放、兑换与抵现"),
    "report_tiers": ("Members by tier", "会员等级分布"),
    "report_tier_moves": ("Tier moves", "等级变动"),
    "report_rewards": ("Redemptions by reward", "各礼品兑换次数"),
    "report_offline": ("Operations made offline and sync delay", "离线操作占比与同步延迟"),
    "report_flags": ("Flags per week by kind", "每周异常（按类型）"),
    "report_liability": ("Points liability", "积分负债"),
    "series_issued": ("issued", "发放"),
    "series_redeemed": ("redeemed", "兑换"),
    "series_cash": ("paid as cash", "抵现"),
    "series_moves": ("members moved", "变动人数"),
    "series_redemptions": ("redemptions", "兑换次数"),
    "series_offline_percent": ("made offline (%)", "离线操作（%）"),
    "series_mean_delay": ("mean sync delay (s)", "平均同步延迟（秒）"),
    "series_outstanding": ("outstanding points", "未使用积分"),
    "opening_points": ("Outstanding points at the start", "期初未使用积分"),
    "closing_points": ("Outstanding points now", "当前未使用积分"),
    "point_value": ("Value of one point", "每积分价值"),
    "liability_money": ("Liability", "负债金额"),
    "liability_note": (
        "The CSV has, per day and store, the opening and closing outstanding points, earned, "
        "reversed, redeemed, refunded and adjusted points, and the liability in money.",
        "CSV 按日期和门店列出期初与期末未使用积分、获得、冲回、兑换、退回及调整的积分，以及负债金额。",
    ),
    "no_report": ("There is no such report.", "没有此报表。"),
    # The policy form (backend/console/policy_form.py).
    "policy_form": ("Policy: figures, tiers, campaigns", "积分规则：参数、等级、活动"),
    "policy_form_note": (
        "Change the policy's figures, tiers and campaigns here. Each change is shown against "
        "the current version before it is published.",
        "在此修改积分规则的参数、等级和活动。发布前会与当前版本对比显示每项变更。",
    ),
    "policy_json": ("The whole document as JSON", "查看完整 JSON 文件"),
    "edit_in_form": (
        "Edit the figures, tiers and campaigns in a form",
        "用表单修改参数、等级和活动",
    ),
    "preview": ("Preview changes", "预览变更"),
    "no_change": ("Nothing changes against the current version.", "与当前版本相比没有变化。"),
    "figure": ("Figure", "参数"),
    "policy_published": (
        "Policy published: terminals apply it at their next sync.",
        "积分规则已发布：终端下次同步后生效。",
    ),
    "policy_refused": ("Terminals would refuse this policy: {error}", "终端将拒绝此规则：{error}"),
    "policy_stale": (
        "Someone published the policy meanwhile. Look at the current figures and try again.",
        "其间已有人发布了积分规则。请查看当前参数后重试。",
    ),
    "bad_number": ("Give a number, e.g. 1.5", "请填写数字，例如 1.5"),
    "bad_whole_number": ("Give a whole number", "请填写整数"),
    "out_of_range": ("Out of the allowed range", "超出允许范围"),
    "bad_currency": ("Three capital letters, e.g. CNY", "三个大写字母，例如 CNY"),
    "policy_points_per_unit": ("Points per unit of money spent", "每消费 1 元积分"),
    "policy_min_spend": ("Least purchase that earns", "最低积分消费额"),
    "policy_max_purchase": ("Largest purchase one award may be for", "单次积分最高消费额"),
    "policy_checkin_points": ("Points for a check-in", "签到积分"),
    "policy_offline_cap_points": (
        "Offline cap per member per day (points)",
        "离线每日兑换上限（积分）",
    ),
    "policy_supervisor_cap_points": (
        "Supervisor's offline cap (points)",
        "主管离线兑换上限（积分）",
    ),
    "policy_points_per_currency_unit": ("Points worth one unit of money", "抵 1 元所需积分"),
    "policy_max_discount_share": (
        "Largest share of a sale paid with points (0-1)",
        "积分抵现最高比例（0-1）",
    ),
    "policy_max_discount_points_per_sale": (
        "Most points as cash per sale (0: off)",
        "每笔积分抵现上限（0 为关闭）",
    ),
    "policy_currency": ("Currency", "币种"),
    # The catalog's reward form (backend/console/catalog_form.py).
    "catalog_form": ("Catalog rewards", "礼品目录"),
    "catalog_form_note": (
        "Add a reward or change one; the change is shown against the current version before "
        "it is published.",
        "添加或修改礼品；发布前会与当前版本对比显示变更。",
    ),
    "catalog_json": ("The whole catalog as JSON", "查看完整 JSON 目录"),
    "edit_rewards": ("Edit rewards in a form", "用表单修改礼品"),
    "catalog_published": (
        "Catalog published: terminals offer it after their next sync.",
        "礼品目录已发布：终端下次同步后生效。",
    ),
    "catalog_stale": (
        "Someone published the catalog meanwhile. Look at the current rewards and try again.",
        "其间已有人发布了礼品目录。请查看当前礼品后重试。",
    ),
    "reward_add_or_change": ("Add or change a reward", "添加或修改礼品"),
    "rewards": ("Rewards", "礼品"),
    "reward_id": ("Reward id", "礼品编号"),
    "reward_name": ("Name", "名称"),
    "reward_points": ("Points", "所需积分"),
    "reward_cash": ("Money paid as well (optional)", "另付金额（可选）"),
    "bad_reward_name": ("A name of 1 to 64 characters", "名称为 1 到 64 个字符"),
    "bad_cash": ("An amount with at most two decimals, e.g. 5.00", "金额最多两位小数，例如 5.00"),
    "change": ("Change", "修改"),
    "field": ("Field", "字段"),
    # The Staff page (backend/console/staff_page.py)
    "nav_staff": ("Staff", "员工"),
}
STRINGS.update(form_words.STRINGS)
STRINGS.update(staff_words.STRINGS)

# Ledger kinds with a word of their own on the member page ("kind_<kind>").
LEDGER_KINDS = (
    "award",
    "redeem",
    "discount",
    "refund",
    "void",
    "pickup",
    "coupon",
    "checkin",
    "adjust",
)


def translate(language: str, key: str, **values: object) -> str:
    """The string for ``key`` in ``language`` with {placeholders} filled."""
    english, chinese = STRINGS[key]
    text = chinese if language == "zh_CN" else english
    return text.format(**values) if values else text


def pick(cookie: str | None, accept_language: str) -> str:
    """The language chosen with the switch, else the browser's, else English."""
    if cookie in LANGUAGES:
        return cookie
    return "zh_CN" if accept_language.lower().startswith("zh") else DEFAULT
