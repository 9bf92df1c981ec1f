"""Words of accounts, roles, sign-in, personal data and the background computation notice."""

from __future__ import annotations

EN: dict[str, str] = {
    "登录": "Sign in",
    "退出": "Sign out",
    "正在计算": "Computing",
    "页码": "Page",
    "只列出前": "Listing the first",
    "条；全部见导出的台账。": "rows; the exported ledger has them all.",
    "数据刚刚更新：本页需要的分析正在后台计算，算完后本页会自动刷新。": (
        "The data has just changed: the analysis this page needs is being computed in the"
        " background, and the page reloads itself when it is ready."
    ),
    "每次导入后只计算一次，所有用户共用结果。": (
        "It is computed once after each load and shared by every user."
    ),
    "用户名": "User name",
    "密码": "Password",
    "尚无管理员账户。请在服务器上运行：": "There is no admin account yet. On the server, run:",
    "修改密码": "Change password",
    "您正在使用一次性密码，请先设置自己的密码。": (
        "You signed in with a one-time password: choose your own first."
    ),
    "当前密码": "Current password",
    "新密码（至少10个字符）": "New password (at least 10 characters)",
    "再次输入新密码": "New password again",
    "保存": "Save",
    "用户": "Users",
    "审计日志": "Audit log",
    "请把一次性密码当面交给用户；它只显示这一次，用户首次登录时须修改。": (
        "Hand the one-time password to the user in person; it is shown only this once"
        " and must be changed at first sign-in."
    ),
    "状态": "Status",
    "创建时间": "Created",
    "已停用": "disabled",
    "待改密码": "must change password",
    "正常": "active",
    "停用": "Disable",
    "启用": "Enable",
    "重置密码": "Reset password",
    "新增用户": "Add a user",
    "街道编号（仅街道用户，空格分隔）": "Street ids (street planners only, separated by spaces)",
    "管理员": "administrator",
    "区级规划人员": "district planner",
    "街道规划人员": "street planner",
    "只读用户": "viewer",
    "查看党员完整号码（需说明理由，记入审计日志）": (
        "See a member's full numbers (with a reason; audited)"
    ),
    "只显示最近500条。": "Only the latest 500 are shown.",
    "操作": "Action",
    "详情": "Detail",
    "来源地址": "From",
    "查看完整号码": "Full phone and ID number",
    "手机号和身份证号平时一律脱敏显示。管理员因工作需要查看时，须说明理由；每次查看都记入审计日志。": (
        "Phone and ID numbers are always masked. An administrator who needs one for their"
        " work states why; every look is written to the audit log."
    ),
    "党员编号": "Member id",
    "理由": "Reason",
    "查看": "Show",
    "手机号": "Phone",
    "身份证号": "ID number",
}
