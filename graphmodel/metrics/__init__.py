"""Collaboration metrics, one module per family, and what each means for planners.

Modules: :mod:`.density`, :mod:`.activity`, :mod:`.balance`, :mod:`.structure`,
:mod:`.communities`, :mod:`.members`. Functions take a graph first, as
NetworkX's algorithms do. :data:`EXPLANATIONS` holds a short plain-language
explanation of each metric in Chinese and English, for the pages and exports;
its keys include every top-level key of the report.

>>> sorted(EXPLANATIONS["isolated"])
['en', 'zh']
"""

from __future__ import annotations

EXPLANATIONS: dict[str, dict[str, str]] = {
    "density": {
        "zh": "协作密度：实际存在的单位结对（在时间窗口内至少共同参加过一次活动）占所有可能结对的比例，"
        "介于 0 与 1 之间，越高说明单位之间联系越紧密。",
        "en": "Density: the share of all possible pairs of units that held at least one joint "
        "activity in the window, from 0 to 1; higher means units are more closely linked.",
    },
    "group_density": {
        "zh": "街道/协作区内部密度：区域内单位之间结对的比例；对外联系占比：这些单位的结对中"
        "与区域外单位结成的比例。",
        "en": "Internal density of a street or zone: the share of pairs of its units that work "
        "together; external share: of its units' ties, the share that reach units outside it.",
    },
    "kind_mixing": {
        "zh": "单位类型交叉表：每类单位的合作有多大比例是与各类单位开展的，例如机关是否只与机关合作。",
        "en": "Mixing by unit kind: of the ties of each kind of unit, the share that go to each "
        "kind — e.g. whether organs only work with organs.",
    },
    "assortativity": {
        "zh": "同类合作系数：1 表示只与同类单位合作，0 表示与各类单位合作的机会均等，负数表示更倾向于跨类合作。",
        "en": "Kind assortativity: 1 when units only work with their own kind, 0 when kinds mix "
        "as by chance, negative when they prefer other kinds.",
    },
    "density_series": {
        "zh": "协作密度的逐月/逐季变化，用来观察联系是在加强还是减弱。",
        "en": "Density month by month or quarter by quarter: are ties growing or fading?",
    },
    "isolated": {
        "zh": "孤立单位：时间窗口内没有与任何其他单位共同开展过活动（只参加过超大型会议的也算）。",
        "en": "Isolated units: no joint activity with any other unit in the window (attending "
        "only very large gatherings does not count).",
    },
    "inactive": {
        "zh": "不活跃单位：最近一次参加活动距截止日期已超过规定天数（默认 90 天），列出最后活动日期；"
        "从未参加过活动的也列入。",
        "en": "Inactive units: the last activity is more than the set number of days (default "
        "90) before the end date, shown with that date; units with no activity at all are listed.",
    },
    "declining": {
        "zh": "活跃度下降单位：上一个同样长度的时间窗口内至少参加 4 次活动，本窗口内减少一半以上。"
        "设最低基数是为了避免少参加一次活动就被判为下降。",
        "en": "Declining units: at least 4 activities in the previous window of the same length "
        "and at least half fewer in this one; the minimum base keeps one lost activity from "
        "counting as a decline.",
    },
    "followers": {
        "zh": "跟随型单位：参加活动但从不主办或协办。",
        "en": "Followers: units that take part in activities but never host or co-host one.",
    },
    "district_dependence": {
        "zh": "依赖区里推动程度：单位（或区域）参加的活动中，由区委组织部门发起的比例。比例高说明自主开展少。",
        "en": "District dependence: of the activities a unit (or zone) took part in, the share "
        "initiated by the district office; a high share means little self-started work.",
    },
    "balance": {
        "zh": "供需平衡：主办/协办记为“付出”，作为参与方记为“受益”。平衡分 =（付出−受益）/（付出+受益），"
        "−1 表示只受益，+1 表示只付出；“单向结对”指至少 2 次往来全部由一方付出。",
        "en": "Give and take: hosting or co-hosting counts as giving, attending as a guest as "
        "taking. Balance = (given − taken) / (given + taken), from −1 (only takes) to +1 "
        "(only gives); a one-sided pair had at least 2 exchanges, all one way.",
    },
    "brokers": {
        "zh": "枢纽单位：中介中心度表示其他单位之间的最短联系路径经过该单位的比例，越高越是“桥梁”。"
        "单位较多时按固定随机种子抽取 256 个起点估算，报告注明采用精确还是抽样计算。",
        "en": "Brokers: betweenness is the share of shortest links between other units that run "
        "through a unit; higher means more of a bridge. Large districts estimate it from 256 "
        "sources drawn with a fixed seed; the report says which method was used.",
    },
    "degree": {
        "zh": "合作伙伴数：与多少个不同单位共同开展过活动；合作强度：共同活动次数之和。",
        "en": "Partners: how many different units a unit worked with; strength: the total count "
        "of joint activities.",
    },
    "bridges": {
        "zh": "关键联系：一旦中断就会使网络分成互不相连两部分的结对；关键单位（割点）：一旦退出就会使网络断开的单位。",
        "en": "Bridges: ties whose loss would split the network in two; articulation units: "
        "units whose loss would split it.",
    },
    "street_links": {
        "zh": "街道之间的联系：每两个街道之间有多少结对、各由几个单位承担；只靠一个单位维系的联系很脆弱。",
        "en": "Links between streets: how many ties join two streets and how many units carry "
        "them on each side; a link carried by a single unit is fragile.",
    },
    "components": {
        "zh": "连通片：彼此之间直接或间接有联系的单位群；最大连通片占比越高，全区联系越成一体。",
        "en": "Components: groups of units linked directly or indirectly; the larger the share in "
        "the biggest one, the more the district works as one network.",
    },
    "clustering": {
        "zh": "聚集系数：一个单位的合作伙伴之间彼此也合作的比例；高说明形成了紧密的小圈子。",
        "en": "Clustering: the share of a unit's partners that also work with each other; high "
        "values mean close-knit circles.",
    },
    "communities": {
        "zh": "实际协作群：按实际共同活动自动识别出的单位群（Louvain 方法，固定随机种子）；并与官方协作区、"
        "街道比较一致程度（调整兰德指数、标准化互信息，1 为完全一致，0 为与随机无异）。",
        "en": "Working communities: groups found from actual joint activity (Louvain, fixed "
        "seed), compared with the official zones and streets (adjusted Rand index, normalised "
        "mutual information: 1 = identical, 0 = no better than chance).",
    },
    "zones": {
        "zh": "协作区是否真在协作：只看成员单位自己发起的活动（区里推动的活动不计），比较区内单位之间的联系密度"
        "与其对外联系密度、全区平均密度；若区内密度不高于二者，则判为“纸面协作区”——没有区里推动时，"
        "成员之间的合作并不比与其他单位更多。",
        "en": "Do zones really work together? Counting only activities the units started "
        "themselves (district-initiated ones left out), a zone's internal density is compared "
        "with the density of its units' ties outside and with the district baseline; a zone "
        "whose internal density is not higher than both exists on paper only.",
    },
    "members": {
        "zh": "党员参与：各党组织中在时间窗口内至少参加过一次活动的党员比例；双报到覆盖率：在职党员中已到社区报到的比例"
        "（按单位、按社区统计）。",
        "en": "Member participation: per party organisation, the share of its members who took "
        "part in at least one activity in the window; dual registration: the share of serving "
        "members registered at a community, per unit and per community.",
    },
}
