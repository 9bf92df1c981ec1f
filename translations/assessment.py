"""Words of the assessment pages and of the explanations beside every figure."""

from __future__ import annotations

EN: dict[str, str] = {
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
}
