"""Words of the network view: its page, tooltips, legend and playback."""

from __future__ import annotations

EN: dict[str, str] = {
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
    # the network's tooltips, legend and street overview (visualizations.network)
    "孤立单位（无合作伙伴）": "Isolated unit (no partner)",
    "其他街道或协作区（汇总）": "other streets or zones (summed)",
    "{units} 个单位": "{units} units",
    "未填街道": "no street",
    "{name}\n单位: {units}\n孤立单位: {isolated}\n街道内共同活动: {inside:g}": (
        "{name}\nUnits: {units}\nIsolated: {isolated}\nJoint activities inside: {inside:g}"
    ),
    "次跨街道共同活动": "joint activities across",
    "街道（括号内为单位数）": "street (units)",
    "无合作": "no ties",
    "其他 {count} 个街道或协作区": "{count} more streets or zones",
    "{name}一带": "{name} area",
}
