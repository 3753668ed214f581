"""The console's words for the Staff page (accounts and their lockouts at terminals) and the
fleet page's lockout mark, in English and Simplified Chinese (merged into ``i18n.STRINGS``;
kept apart so neither file grows long)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
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
    "staff_accounts": ("Accounts", "账户"),
    "lockouts_title": ("Locked out at terminals", "终端上被锁定的员工"),
    "lockouts_intro": (
        "Accounts locked after too many wrong PINs, as each terminal's last heartbeat "
        "reports them. A clear reaches the terminal at its next sync.",
        "因 PIN 错误次数过多而被锁定的账户，来自各终端最近一次心跳。解除锁定将在终端下次同步时生效。",
    ),
    "lockouts_none": ("No account is locked out at any terminal.", "没有终端锁定任何账户。"),
    "lockout_failures": ("Wrong PINs", "PIN 错误次数"),
    "lockout_since": ("Locked since", "锁定开始"),
    "lockout_until": ("Locked until", "锁定结束"),
    "lockout_clear": ("Clear lockout", "解除锁定"),
    "lockout_pending": (
        "Cleared {when}; waits for the terminal's next sync",
        "已于 {when} 解除；等待终端下次同步",
    ),
    "lockout_cleared": (
        "The lockout is cleared. The terminal takes it at its next sync.",
        "已解除锁定。终端将在下次同步时生效。",
    ),
    "lockout_refused_gone": (
        "the terminal no longer reports this lockout",
        "终端已不再报告此锁定",
    ),
    "lockout_refused_clock_ahead": (
        "the terminal's clock was ahead when it reported this lockout",
        "终端报告此锁定时其时钟超前",
    ),
    "lockout_refused_bad_since": ("the lockout's start is not a time", "锁定开始时间无效"),
    "role_cashier": ("Cashier", "收银员"),
    "role_technician": ("Technician", "技术员"),
    "role_supervisor": ("Supervisor", "主管"),
    "fleet_locked_out": ("{n} locked out", "{n} 人被锁定"),
    "fleet_locked_out_title": (
        "Staff locked out at this terminal after wrong PINs: see the Staff page",
        "此终端上因 PIN 错误被锁定的员工：见员工页面",
    ),
}
