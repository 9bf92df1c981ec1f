"""Chinese first, English too: the interface's words, keyed by their Chinese text.

A template writes ``{{ _("单位") }}``; in English it shows the translation
below. A Chinese text with no entry shows as it is, and a test lists any
missing entry.
"""

from __future__ import annotations

from flask import Flask, g, request

from .i18n_suggestions import EN_SUGGESTIONS

LANGUAGES = ("zh", "en")

EN: dict[str, str] = {
    "区域化党建协作网络": "Regional party-building collaboration network",
    "首页": "Dashboard",
    "数据概况": "What the store holds",
    "单位": "Units",
    "党组织": "Party organisations",
    "党员": "Members",
    "活动": "Activities",
    "参与记录": "Participations",
    "共建协议": "Agreements",
    "区域": "Zones",
    "按类型统计单位": "Units by kind",
    "按街道统计单位": "Units by street",
    "类型": "Kind",
    "街道": "Street",
    "数量": "Count",
    "每月活动数": "Activities per month",
    "最近一次导入": "Last import",
    "时间": "Time",
    "来源": "Source",
    "表": "Table",
    "新增": "Added",
    "更新": "Updated",
    "未变": "Unchanged",
    "警告": "Warnings",
    "尚无导入记录。": "No import yet.",
    "数据存储暂时无法访问": "The data store cannot be reached right now",
    "请稍后刷新本页；如果问题持续，请联系管理员检查数据库服务。": (
        "Reload this page in a moment; if it persists, ask the administrator to check the database."
    ),
    "页面不存在": "Page not found",
    "请求有误": "Bad request",
    "返回首页": "Back to the dashboard",
    "存储": "Store",
    "近24个月": "last 24 months",
    "导入数据": "Import",
    "选择工作簿（.xlsx）或多个 CSV / JSON 文件（以表名命名，如 units.csv）。": (
        "Choose a workbook (.xlsx) or several CSV / JSON files (named after their table,"
        " e.g. units.csv)."
    ),
    "全部检查通过才写入；有任何错误，什么都不写入。": (
        "Nothing is written unless every file is valid."
    ),
    "只检查，不写入": "Check only, write nothing",
    "上传并导入": "Upload and import",
    "下载空白模板": "Download the empty template",
    "发现错误，未写入任何数据": "Problems found; nothing was written",
    "导入成功": "Imported",
    "检查通过（未写入）": "Valid (nothing written)",
    "位置": "Where",
    "级别": "Severity",
    "问题": "Problem",
    "错误": "Error",
    "只显示前500条。": "Only the first 500 are shown.",
    "导入记录": "Import history",
    "协作概况": "Collaboration at a glance",
    "协作密度": "Density",
    "结对数": "Ties",
    "孤立单位": "Isolated units",
    "活跃度下降单位": "Declining units",
    "跟随型单位": "Followers",
    "不活跃单位": "Inactive units",
    "上一窗口": "previous window",
    "协作密度逐月变化": "Density month by month",
    "街道内部协作密度排名": "Streets ranked by internal density",
    "只在纸面上的协作区": "Zones on paper only",
    "导出 Excel": "Export Excel",
    "导出 CSV": "Export CSV",
    "没有符合条件的单位。": "No unit matches.",
    "单位名单": "Unit lists",
    "街道与协作区": "Streets and zones",
    "协作区与联盟": "Collaboration zones and alliances",
    "全区基准密度": "District baseline density",
    "名称": "Name",
    "单位数": "Units",
    "内部结对": "Internal ties",
    "内部密度": "Internal density",
    "对外联系占比": "External share",
    "判断": "Verdict",
    "只在纸面上": "on paper only",
    "确有协作": "works together",
    "网络图": "network",
    "联盟": "Alliance",
    "识别出的社群与官方区域": "Detected communities and official zones",
    "社群数": "Communities",
    "模块度": "Modularity",
    "社群": "Community",
    "主要街道": "Main street",
    "主要街道占比": "Share in main street",
    "协作网络": "Collaboration network",
    "截止日期": "End date",
    "月数": "Months",
    "全部": "All",
    "协作区": "Zone",
    "最少共同活动": "Min. joint activities",
    "着色": "Colour by",
    "按单位类型": "unit kind",
    "按识别出的社群": "detected community",
    "按活跃程度": "activity level",
    "应用": "Apply",
    "按名称查找单位": "Find a unit by name",
    "没有找到": "Not found",
    "查找": "Find",
    "网络数据加载失败": "The network could not be loaded",
    "结对": "Ties",
    "图例": "Legend",
    "节点大小表示共同活动次数；灰色虚线边框为孤立单位；点击节点打开单位页面。": (
        "Node size shows joint activities; a grey dashed ring marks an isolated unit;"
        " click a node to open its page."
    ),
    "编号": "Id",
    "所属社区": "Community",
    "人数": "Headcount",
    "可提供资源": "Offers",
    "需求": "Needs",
    "在网络图中查看所在街道": "See its street in the network",
    "活动时间线": "Activity timeline",
    "日期": "Date",
    "角色": "Role",
    "参与单位": "Units taking part",
    "区委推动": "district-initiated",
    "主办": "host",
    "协办": "co-host",
    "参与": "guest",
    "时间窗口内没有活动。": "No activity in the window.",
    "合作伙伴": "Partners",
    "共同活动": "Joint activities",
    "我方主办": "Hosted by this unit",
    "对方主办": "Hosted by the partner",
    "时间窗口内没有合作伙伴（孤立单位）。": "No partner in the window (an isolated unit).",
    "党组织与党员": "Party organisations and members",
    "名党员": "members",
    "姓名": "Name",
    "职务": "Roles",
    "在职党员": "Serving",
    "报到社区": "Registered at",
    "窗口内参加活动": "Took part in the window",
    "是": "yes",
    "否": "no",
    "没有登记党组织。": "No party organisation registered.",
    # accounts, roles and personal data
    "登录": "Sign in",
    "退出": "Sign out",
    "正在计算": "Computing",
    "页码": "Page",
    "上一页": "Previous page",
    "下一页": "Next page",
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
    # suggested partnerships
    "建议结对": "Suggested partners",
    "采纳": "Accept",
    "不采纳": "Dismiss",
    "已采纳": "accepted",
    "已不采纳": "dismissed",
    "备注（可选）": "Note (optional)",
    "暂无建议。": "No suggestion.",
    "操作失败": "Failed",
    "加载中…": "Loading…",
    "全区建议结对": "Suggestions across the district",
    "在网络图中查看建议结对": "See the suggested partners in the network",
    "尚未合作过的单位，按共同合作伙伴、需求与资源互补、距离远近、单位类型差异排序；不采纳的建议不再出现。": (
        "Units it has not worked with, ranked by partners in common, needs met by offers,"
        " distance and difference of kind; a dismissed suggestion does not come back."
    ),
    "建议按共同伙伴、需求互补、距离远近和单位类型打分，合作伙伴过多的单位适当减分。": (
        "Suggestions are scored by partners in common, needs met by offers, distance and"
        " difference of kind, with a mark-down for units that already have very many partners."
    ),
    "每条建议都写明理由；规划人员可采纳或不采纳，不采纳的不再出现。": (
        "Each says why. Planners accept or dismiss them; a dismissed one does not come back."
    ),
    "优先帮扶": "Who to help first",
    "孤立": "isolated",
    "活跃度下降": "declining",
    "跟随型": "follower",
    "先列孤立单位，再列活跃度下降最明显的单位，最后是只参与不主办的单位；每个单位列出最合适的几个结对对象。": (
        "Isolated units first, then those whose activity fell most, then units that take part"
        " but never host; each with its best few partners."
    ),
    "只显示前200个单位。": "Only the first 200 units are shown.",
    "情况": "Situation",
    "建议结对对象与理由": "Suggested partners and why",
    "没有需要优先帮扶的单位。": "No unit needs help first.",
    "小单位协作区建议": "Proposed zones for small units",
    "人数不超过": "headcount at most",
    "个单位一组": "units a group",
    "按街道把小单位分成距离近、需求互补、类型多样的小组。": (
        "Small units are grouped street by street into nearby, complementary groups of mixed kinds."
    ),
    "先选彼此最不相似的单位作为各组起点，再逐个把最契合的单位放入未满的组；这是供调整的初步方案。": (
        "The units least alike start the groups, then the best-fitting unit joins a group that"
        " is not yet full, one at a time: a first proposal, to be adjusted."
    ),
    "成员": "Members",
    "没有可分组的小单位。": "No small units to group.",
    "所在街道小单位不足，未分组：": "Not grouped (too few small units in their street): ",
    "决定记录": "Decisions",
    "导出已采纳的结对（拟签共建协议）": "Export accepted partnerships (proposed agreements)",
    "结对单位": "Partner",
    "决定": "Decision",
    "决定人": "Decided by",
    "备注": "Note",
    "尚无决定。": "No decision yet.",
    # assessment
    "考核评估": "Assessment",
    "考核规则": "Assessment rules",
    "编辑考核规则": "Edit the rules",
    "导出台账 Excel": "Export the ledger (Excel)",
    "每个单位按每条考核规则评为绿、黄或红。": "Each unit is rated green, amber or red on each rule.",
    "得分按规则权重加权（绿记满分、黄记一半、红不记分），折算为百分制。": (
        "The score weighs the rules (green full, amber half, red none) on a 0–100 scale."
    ),
    "一票否决的规则为红时取消评优资格；趋势与上一个同样长度的时间窗口比较。": (
        "Red on a veto rule loses eligibility; trends compare with the previous window."
    ),
    "街道汇总": "By street",
    "协作区与联盟汇总": "By zone and alliance",
    "平均得分": "Mean score",
    "优秀": "Excellent",
    "合格": "Pass",
    "不合格": "Fail",
    "取消评优资格": "Not eligible",
    "没有协作区。": "No zone.",
    "结对跟进": "Follow-up of agreed partnerships",
    "商定后": "within",
    "个月内是否开展联合活动": "months of agreeing: did joint activity follow?",
    "采纳的建议": "Accepted suggestions",
    "按期开展": "On track",
    "延迟开展": "Late",
    "未开展": "Never started",
    "未到期": "Pending",
    "转化率": "Conversion rate",
    "尚无采纳的结对建议。": "No accepted suggestion yet.",
    "类别": "Kind",
    "商定日期": "Agreed on",
    "应开展日期": "Due by",
    "首次联合活动": "First joint activity",
    "没有需要跟进的结对。": "Nothing to follow up.",
    "单位考核表": "Units assessed",
    "得分": "Score",
    "等级": "Rating",
    "绿": "green",
    "黄": "amber",
    "红": "red",
    "比上一窗口好": "better than the previous window",
    "比上一窗口差": "worse than the previous window",
    "与上一窗口持平": "same as the previous window",
    "考核健康卡": "Health card",
    "规则": "Rule",
    "本期": "This window",
    "一票否决": "veto",
    "改进建议": "What would help",
    "见建议结对": "see suggested partners",
    "全区考核评估": "Assessment of the district",
    "考核热力图": "Assessment heat map",
    "各街道每季度平均考核得分": "mean score per street and quarter",
    "绿：达到优秀线；黄：达到合格线；红：低于合格线。": (
        "Green: excellent; amber: pass; red: below the pass mark."
    ),
    "规则已保存，考核结果已按新规则计算。": "Rules saved; the assessment now follows them.",
    "查看考核评估": "See the assessment",
    "规则用 TOML 书写：每条 [[rule]] 写明指标、绿色与黄色阈值、权重、是否一票否决和来源。": (
        "Rules are written in TOML: each [[rule]] names its indicator, the green and amber"
        " thresholds, a weight, whether it is a veto, and its source."
    ),
    "达不到黄色阈值为红；比例写作 0 到 1 之间的小数。": (
        "Worse than amber is red; shares are fractions from 0 to 1."
    ),
    "保存前会检查，有误则不保存并说明原因。": (
        "The rules are checked before saving; anything wrong is refused with the reason."
    ),
    "检查并保存": "Check and save",
    "导出当前网络": "Export this network",
    "时间回放": "Playback",
    "按季度": "by quarter",
    "按月": "by month",
    "显示整个时间窗口": "Show the whole window",
    "新结对": "new ties",
    "沉寂单位": "fell silent",
    # the import page's ledger review (issue 12)
    "需要确认名称，尚未写入": "Names need your decision; nothing written yet",
    "下载问题清单（Excel）": "Download the problems (Excel)",
    "下载名称确认表（Excel）": "Download the names to review (Excel)",
    "台账中的名称": "Names in the ledger",
    "下列名称没有唯一对应的单位：请选择候选单位、新建单位（并选所属街道）或忽略。": (
        "These names match no single unit: choose a candidate, a new unit (with its street)"
        " or ignore."
    ),
    "确认后导入台账，并记住这些选择，下次不再询问。": (
        "Confirming loads the ledger and remembers your choices: the next ledger will not ask."
    ),
    "新建单位所属街道": "Street of a new unit",
    "（请选择）": "(choose)",
    "新建单位": "New unit",
    "忽略": "Ignore",
    "确认并导入": "Confirm and import",
    "说明": "Note",
    "时间回放：绿色为该期新结成的结对，红色粗边框为该期沉寂（上一期有活动、本期没有）的单位。": (
        "Playback: green ties are new in the period; a thick red border marks units that fell"
        " silent (active the period before, not in this one)."
    ),
    # words for every figure
    "没有权限": "Not permitted",
    "含义": "What it means",
    "指标说明": "Figures explained",
    "页面上每个数字的含义：统计什么、按哪个时间段计算、越高越好还是越低越好。页面上的“?”打开同样的说明。": (
        "What every figure on the pages means: what it counts, over which period, and whether"
        " higher or lower is better. The “?” beside a figure opens the same words."
    ),
    "本窗口与上一窗口相比": "this window against the previous one",
    "增加": "up",
    "减少": "down",
    "个百分点": "percentage points",
    "持平": "no change",
    "箭头：本窗口与上一窗口相比；绿色为变好，橙色为变差。": (
        "Arrows: this window against the previous one; green is better, orange worse."
    ),
    "格内：季度得分，绿 / 黄 / 红单位数": "in each cell: the quarterly score; green / amber / red units",
    "合格线": "pass mark",
    "优秀线": "excellent mark",
    "本页得分按整个时间窗口计算；首页热力图和导出的台账按季度单独计算（季度得分），季度内活动少，两者可以不同。": (
        "Scores on this page cover the whole window; the dashboard's heat map and the exported"
        " ledger score each quarter on its own (quarterly scores), and a quarter holds fewer"
        " activities, so the two can differ."
    ),
    "权重": "Weight",
    "页面上只为前200个单位列出建议结对对象；导出的表格列出全部。": (
        "The page suggests partners for the first 200 units only; the export has them for all."
    ),
    "绿色阈值": "Green from",
    "黄色阈值": "Amber from",
    "低于合格线的按全区最低分到合格线分为四档。": (
        "Below the pass mark, four shades run from the district's lowest score up to the mark."
    ),
    # data date, window and partial periods (issue 11 §1)
    "数据截至": "Data as of",
    "尚无活动数据": "No activity data yet",
    "数据已超过三个月未更新：页面默认显示数据截止日前的一年。请导入最新的活动台账。": (
        "The data are more than three months old: pages show the year up to the data date"
        " by default. Import the latest activity ledger."
    ),
    "时间窗口": "Window",
    "部分": "partial",
    "部分期间：窗口或数据只覆盖该期的一部分天数。": (
        "Partial period: the window or the data cover only part of its days."
    ),
    "其他街道": "other street",
    # network view (issue 13)
    "上一时间窗口": "previous window",
    "与范围外单位的联系（虚线，汇总）": "ties leaving the scope (dashed, summed)",
    "两个单位直接合作": "the two units work together directly",
    "两单位之间": "Between two units",
    "个单位": "units",
    "为对方主办": "hosted for them",
    "从此单位找路径": "find a path from here",
    "以此为中心": "Focus on this unit",
    "健康状况": "Health",
    "全区": "whole district",
    "关闭": "Close",
    "其他街道的合作伙伴": "Partners in other streets",
    "到此单位的路径": "path to this unit",
    "参加活动": "Activities",
    "另有 {outside} 个汇总节点代表范围外的街道或协作区。": (
        "{outside} more nodes stand for streets or zones outside the scope."
    ),
    "图中显示 {nodes} 个单位、{ties} 条结对（共 {all} 个单位）。": (
        "Showing {nodes} units and {ties} ties (of {all} units)."
    ),
    "在此时间窗口内，两个单位之间没有合作链相连。": "The two units are not connected in this window.",
    "已有的结对（回放）": "existing tie (playback)",
    "已隐藏": "hidden",
    "建议结对（虚线）": "suggested partnership (dashed)",
    "打开单位页面": "Open the unit page",
    "找到 {n} 个单位": "{n} units found",
    "找到 {n} 条合作链（优先经过联系紧密的结对）：": "{n} chains found (strong ties first):",
    "按健康得分": "health score",
    "按健康状况": "health status",
    "按共同活动次数": "joint activities",
    "按合作伙伴数": "partners",
    "按桥梁作用（中介中心度）": "brokerage (betweenness)",
    "按街道": "street",
    "播放": "Play",
    "暂停": "Pause",
    "数据日期": "Data as of",
    "新结成的结对（回放）": "new tie (playback)",
    "无": "none",
    "显示": "shown",
    "本时间窗口": "this window",
    "查找结果": "Search results",
    "次共同活动": "joint activities",
    "步": "step(s)",
    "沉寂单位：上一期有活动、本期没有（回放）": "fell silent: active the period before, not in this one (playback)",
    "点击图例项可隐藏或显示该类单位。": "Click a legend entry to hide or show its units.",
    "社区": "Community",
    "节点大小": "Size",
    "节点大小表示所选指标；灰色虚线边框为孤立单位；菱形为范围外的其他街道或协作区（汇总）；"
    "点击节点在旁边查看单位情况，Esc 或点击空白处关闭。": (
        "Node size shows the chosen measure; a grey dashed ring marks an isolated unit; diamonds"
        " sum the streets or zones outside the scope. Click a node to see the unit beside the"
        " network; Esc or a click on the background closes it."
    ),
    "范围": "Scope",
    "范围外单位的汇总，不含单位名单。": "Units outside the scope, summed; no list of units.",
    "请再选择另一个单位，然后点击“到此单位的路径”。": 'Now select another unit and choose "path to this unit".',
    "名称或拼音首字母（如 ghsq）": "name, or its pinyin initials (ghsq)",
}
EN.update(EN_SUGGESTIONS)


def language() -> str:
    """The current request's language: ``?lang=``, then the cookie, then the default."""
    if "lang" not in g:
        from flask import current_app

        chosen = request.args.get("lang") or request.cookies.get("lang")
        g.lang = chosen if chosen in LANGUAGES else current_app.config["COBUILD_LANGUAGE"]
    return g.lang


def translate(text: str) -> str:
    """``text`` in the current language."""
    return EN.get(text, text) if language() == "en" else text


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(_=translate, language=language)

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in LANGUAGES:
            response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response
