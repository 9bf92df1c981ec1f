"""Words of the suggestion pages: partners, who to help first, proposed zones, decisions,
the work list, the model card, needs and offers."""

from __future__ import annotations

EN: dict[str, str] = {
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
    # the work list
    "上一页": "Previous",
    "下一页": "Next",
    "分页": "Pages",
    "第": "Page",
    "页": "",
    "筛选": "Filter",
    "排序": "Sort",
    "全部": "All",
    "未决定": "Undecided",
    "有已采纳": "Some accepted",
    "有不采纳": "Some dismissed",
    "优先程度": "Priority",
    "单位名称": "Unit name",
    "导出此列表（Excel）": "Export this list (Excel)",
    "街道筛选用页首的范围选择。": "To filter by street, use the scope at the top of the page.",
    "没有符合条件的单位。": "No unit matches.",
    "与活跃单位同组：": "in a group with the active unit ",
    "对方也是孤立单位": "the partner is isolated too",
    "跟进人": "Follow-up owner",
    "到期日": "Due",
    "撤销": "Undo",
    "已撤销": "Undone",
    "建议质量": "Suggestion quality",
    "建议质量：权重如何学得、回测结果": "Suggestion quality: how the weights were learned, the backtest",
    "本区历史太短，无法从中学习权重：建议暂用手设的权重。": (
        "The district's history is too short to learn from: the suggestions use the hand-set"
        " weights for now."
    ),
    "建议按共同伙伴、需求互补、距离远近、单位类型和对方活跃程度打分，各部分的权重从本区过去的结对中学得（见建议质量）；每条建议先写出各部分所占比例。": (  # noqa: E501 (the key is the template's sentence)
        "Suggestions are scored by partners in common, needs and offers, distance, kinds and how"
        " active the partner is; the weights of the parts are learned from the district's own"
        " past partnerships (see Suggestion quality); each suggestion shows first what share each"
        " part contributed."
    ),
    # the model card
    "权重如何学得": "How the weights were learned",
    "做法：在验证分界之前取若干个12个月的窗口，看每个窗口之后6个月里哪些单位第一次合作（正样本），用这些样本以排序目标拟合各部分的权重（不为负，评分仍是各部分之和）。再在最近6个月（验证期，拟合时未见）上比较拟合的权重、手设的权重和每个简单基线。": (  # noqa: E501 (the key is the template's sentence)
        "How: several 12-month windows before the validation split; in the 6 months after each,"
        " which units worked together for the first time (positives); the weights of the parts are"
        " fitted on these pairs with a ranking objective (never negative, so the score stays a sum"
        " of parts). Then the fitted weights, the hand-set ones and every simple baseline are"
        " compared on the last 6 months (the validation period, unseen by the fit)."
    ),
    "从本区历史中拟合的权重在验证期胜过手设权重，正在使用拟合的权重。": (
        "The weights fitted on the district's history beat the hand-set ones in the validation"
        " period and are in use."
    ),
    "拟合的权重在验证期没有胜过手设权重，仍使用手设权重。": (
        "The fitted weights did not beat the hand-set ones in the validation period; the hand-set"
        " weights stay in use."
    ),
    "本区历史太短，无法学习权重，使用手设权重。": (
        "The district's history is too short to learn from; the hand-set weights are in use."
    ),
    "拟合和手设的权重在验证期都不如最好的简单基线，评分已向该基线靠拢，保证不比它差。": (
        "Neither the fitted nor the hand-set weights reached the best simple baseline in the"
        " validation period, so the score is blended toward it and never does worse."
    ),
    "未拟合权重，使用手设权重。": "No weights fitted; the hand-set weights are in use.",
    "验证期": "Validation period",
    "最近重新拟合": "Last refitted",
    "靠拢的基线": "Blended toward",
    "训练样本": "Training pairs",
    "对": "pairs",
    "对后来结对": "later became partners",
    "训练窗口截止": "Training window ends",
    "之后6个月至": "Six months after, to",
    "有新伙伴的单位": "Units with new partners",
    "回测": "Backtest",
    "查准率：前 k 个建议中后来真的合作的比例；查全率：后来的新伙伴中被列入前 k 个的比例；MRR：第一个真实新伙伴排名的倒数的平均。越高越好。": (  # noqa: E501 (the key is the template's sentence)
        "Precision: the share of the first k suggestions that did become partners; recall: the"
        " share of the later new partners among the first k; MRR: the mean of 1 / rank of the"
        " first real new partner. Higher is better."
    ),
    "方法": "Method",
    "查准率": "Precision",
    "查全率": "Recall",
    "孤立单位覆盖": "Isolated units covered",
    "在用评分为其倍数": "Score in use ÷ method",
    "最好的简单基线": "best simple baseline",
    "存储中还没有活动，无法回测。": "The store holds no activities yet: nothing to backtest.",
    "各部分的权重": "Weights of the parts",
    "部分": "Part",
    "手设": "Hand-set",
    "在用": "In use",
    "采纳的建议后来怎样": "What became of the accepted suggestions",
    "已形成合作（成功）": "Became partnerships (successes)",
    "按期": "On time",
    "逾期才合作": "Late",
    "到期未启动": "Never started",
    "尚在期限内": "Still within the time",
    "返回建议结对": "Back to the suggestions",
    "在用的评分": "Score in use",
    "拟合的权重": "Fitted weights",
    "手设的权重": "Hand-set weights",
    "随机": "Random",
    "优先连接（伙伴数之积）": "Preferential attachment",
    "共同邻居": "Common neighbours",
    "Adamic–Adar 指数": "Adamic–Adar",
    "资源分配指数": "Resource allocation",
    "加权共同邻居": "Weighted common neighbours",
    "仅资源互补": "Complementarity alone",
    "共同伙伴数": "Partners in common",
    "共同伙伴（Adamic–Adar）": "Partners in common (Adamic–Adar)",
    "共同伙伴（资源分配）": "Partners in common (resource allocation)",
    "共同伙伴（按合作次数加权）": "Partners in common (by joint activities)",
    "对方能满足本单位需求": "The partner meets the unit's needs",
    "本单位能满足对方需求": "The unit meets the partner's needs",
    "同一社区": "Same community",
    "同一街道": "Same street",
    "同一协作区或联盟": "Same zone or alliance",
    "距离近": "Nearby",
    "类型不同": "Different kinds",
    "对方负担过重（减分）": "Partner overloaded (counts against)",
    "对方近期活跃": "Partner recently active",
    # needs and offers, 对接
    "伙伴数": "partners",
    "内容": "What",
    "发布": "Posted",
    "发布于": "posted",
    "可提供的单位（由近及远）": "Units that offer it (nearest first)",
    "尚无需求或资源。": "No need or offer yet.",
    "已保存": "Saved",
    "已认领": "Claimed",
    "暂无单位可提供。": "No unit offers it.",
    "标记完成": "Mark done",
    "每条待认领的需求，列出可提供该资源的单位，距离近的在前；“伙伴数”是对方在时间窗口内已有的合作伙伴数，数字大说明负担已重。认领后记下由谁对接哪个单位，并生成一条已采纳的结对建议，进入跟进。": (  # noqa: E501 (the key is the template's sentence)
        "Each open need with the units that offer it, nearest first; 'partners' is how many"
        " partners that unit already has in the window (a high number: already busy). Claiming"
        " records who will bring which unit in, and adds an accepted suggestion to follow up."
    ),
    "没有待认领的需求。": "No open need.",
    "添加": "Add",
    "认领": "Claim",
    "说明": "Detail",
    "资源": "Offer",
    "需求与资源清单": "Needs and offers",
    "需求单位": "Unit in need",
    "需求对接": "Matching needs",
    "待认领": "Open",
    "已完成": "Done",
    # a list cut short in a reason (graphmodel.suggest.reasons)
    "等": ", …",
}
