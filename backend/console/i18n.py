"""Every string of the console in English and Simplified Chinese.

Templates call ``t("key")``; a key missing in either language is a test failure
(tests/test_console_i18n.py), so no page shows an untranslated string.
"""

from __future__ import annotations

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
    "published": ("Published {name} version {version}.", "已发布{name}第 {version} 版。"),
    "bad_json": ("Not a JSON object: {error}", "不是 JSON 对象：{error}"),
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
    # The Staff page (backend/console/staff_page.py)
    "nav_staff": ("Staff", "员工"),
    "staff_intro": (
        "Terminals take these accounts at their next sync; nobody creates one at a counter.",
        "终端在下次同步时获取这些账户；任何人都不能在收银台创建账户。",
    ),
    "staff_id": ("Staff ID", "员工编号"),
    "staff_name": ("Name", "姓名"),
    "staff_role": ("Role", "角色"),
    "staff_stores": ("Stores (comma-separated, or all)", "门店（逗号分隔，或 all）"),
    "staff_pin": ("PIN (6 to 12 digits)", "PIN（6 至 12 位数字）"),
    "staff_add": ("Add account", "添加账户"),
    "staff_new_pin": ("Set PIN", "设置 PIN"),
    "staff_enable": ("Enable", "启用"),
    "staff_disable": ("Disable", "停用"),
    "staff_enabled": ("Enabled", "已启用"),
    "staff_disabled": ("Disabled", "已停用"),
    "staff_all_stores": ("all stores", "所有门店"),
    "staff_none": ("No staff accounts yet.", "暂无员工账户。"),
    "staff_refused": ("The change was refused: {why}", "更改被拒绝：{why}"),
    "role_cashier": ("Cashier", "收银员"),
    "role_technician": ("Technician", "技术员"),
    "role_supervisor": ("Supervisor", "主管"),
}


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
