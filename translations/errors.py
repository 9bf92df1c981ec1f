"""English of the domain's error messages (graphmodel and service), keyed by the Chinese.

A raise gives the Chinese text with ``{name}`` parameters; the English here
keeps the same names (each language may show a parameter its own way).
"""

from __future__ import annotations

EN: dict[str, str] = {
    "须指明单位和结对单位": "a decision names a unit and a partner",
    "单位不能与自身结对": "a unit cannot partner itself",
    "决定须为 accept（采纳）、dismiss（不采纳）或 undo（撤销），而不是 {decision!r}": (
        "a decision is accept, dismiss or undo, not {decision!r}"
    ),
    "决定时间须为日期时间，而不是 {at!r}": "a decision's time must be a datetime, not {at!r}",
    "备注超过 {note_max} 个字符": "the note is longer than {note_max} characters",
    "清单条目须写明单位和内容": "a listing names a unit and what",
    "清单条目须为 need（需求）或 offer（资源），而不是 {side!r}": (
        "a listing is a need or an offer, not {side!r}"
    ),
    "清单状态须为 open、claimed 或 done，而不是 {status!r}": (
        "a listing's status is open, claimed or done, not {status!r}"
    ),
    "清单条目文字过长": "the listing's text is too long",
    "{name} 须为文本": "{name} must be text",
    "范围中的街道或协作区不存在：{unknown}": "the scope names unknown streets or zones: {unknown}",
    "SQLite 地址 {url!r} 有误：应写作 sqlite:///相对路径.db 或 sqlite:////绝对路径.db": (
        "bad SQLite URL {url!r}: write sqlite:///relative/path.db or sqlite:////abs/path.db"
    ),
    "无法打开内置存储 {path}：{error}": "cannot open the embedded store {path}: {error}",
    "存储中没有单位 {unit!r}": "no unit {unit!r} in the store",
    "内置存储 {path} 无响应：{error}": "the embedded store {path} does not answer: {error}",
    "Neo4j 地址 {redacted!r} 有误（{why}）：应写作 bolt://用户:密码@主机:7687?database=neo4j": (
        "bad Neo4j URL {redacted!r} ({why}): write bolt://user:password@host:7687?database=neo4j"
    ),
    "Neo4j（{uri}，数据库 {database}）执行失败：{message}": (
        "Neo4j at {uri} (database {database!r}) failed: {message}"
    ),
    "{count} 条参与记录引用的活动或参与者既不在本次导入中也不在库中，例如 "
    "{missing}：请先导入这些记录": (
        "{count} participation(s) name an activity or participant that is neither in the load "
        "nor in the store, e.g. {missing}: load those records first"
    ),
    "时间窗口的截止日期须为日期，而不是 {end!r}": "the window's end must be a date, not {end!r}",
    "时间窗口的截止日期须在 {first_end} 与 {last_end} 之间，而不是 {end}": (
        "the window's end must lie between {first_end} and {last_end}, not {end}"
    ),
    "时间窗口长度须为 1 至 {max_months} 个月，而不是 {months!r}": (
        "a window is 1 to {max_months} months long, not {months!r}"
    ),
    "时间序列须按月（month）或按季度（quarter），而不是 {freq!r}": (
        "a series is by month or quarter, not {freq!r}"
    ),
    "无法识别日期 {text!r}：请写作 YYYY-MM-DD": (
        "cannot read the date {text!r}: write it as YYYY-MM-DD"
    ),
    "时间窗口长度须为整数个月，而不是 {months!r}": (
        "the window length must be a whole number of months, not {months!r}"
    ),
    "无法识别范围 {item!r}：请写作 street:编号、zone:编号 或 kind:类型": (
        "cannot read the scope {item!r}: write street:ID, zone:ID or kind:KIND"
    ),
    "未知的单位类型 {value!r}；可选：{choices}": (
        "unknown unit kind {value!r}; choose one of {choices}"
    ),
    "未知的边权 {weight!r}：可用 'weight'、'newman' 或 None": (
        "unknown edge weight {weight!r}: use 'weight', 'newman' or None"
    ),
    "max_size 至少为 2，而不是 {max_size}": "max_size must be at least 2, not {max_size}",
    "该指标需要无向简单图（nx.Graph）或 SparseGraph": (
        "this metric needs an undirected simple graph (nx.Graph) or a SparseGraph"
    ),
    "协作网络不应有自环，请先去除": "a collaboration graph has no self-loops; remove them first",
    "该指标需要二部图：每个节点须有 bipartite=0（单位）或 bipartite=1（活动）": (
        "this metric needs a bipartite graph: every node with bipartite=0 (unit) or "
        "bipartite=1 (activity)"
    ),
    "按时间衰减需要正的半衰期和时间窗口的截止日期": (
        "age decay needs a positive half-life and the window's end date"
    ),
    "边 {u!r}–{a!r} 连接了同一侧的两个节点": "edge {u!r}–{a!r} joins two nodes of the same side",
    "请选择需求或资源": "choose a need or an offer",
    "请写明需要或可提供的内容": "say what is needed or offered",
    "没有需求或资源 {listing!r}": "no need or offer {listing!r}",
    "状态须为 open 或 done，而不是 {status!r}": "the status is open or done, not {status!r}",
    "只能认领待认领的需求": "only an open need can be claimed",
    "单位不能认领自己的需求": "a unit cannot meet its own need",
    "无法识别的存储地址 {url!r}：协议须为 {known} 之一": (
        "unknown store URL {url!r}: the scheme must be one of {known}"
    ),
    "活动“{activity}”的参与记录没有填写单位、党组织或党员": (
        "participation in activity {activity!r} names no unit, party organisation or member"
    ),
    "步数须为 1 或 2，而不是 {hops!r}": "hops must be 1 or 2, not {hops!r}",
    "网络中没有单位 {unit!r}": "no unit {unit!r} in the graph",
    "天数不能为负数，而不是 {days}": "days must not be negative, not {days}",
    "判断下降需要 min_base ≥ 1 且 0 < drop ≤ 1": "a decline needs min_base ≥ 1 and 0 < drop ≤ 1",
    "k 须在 1 与单位数（{n}）之间，而不是 {k}": (
        "k must be between 1 and the number of units ({n}), not {k}"
    ),
    "分组成员 {node!r} 不在网络中": "group member {node!r} is not a node of the graph",
    "one_sided_min 至少为 1，而不是 {one_sided_min}": (
        "one_sided_min must be at least 1, not {one_sided_min}"
    ),
    "未知的边权 {weight!r}：可用 'weight' 或 'newman'": (
        "unknown edge weight {weight!r}: use 'weight' or 'newman'"
    ),
    "两种划分的长度不同（{first} 与 {second}）": (
        "the two labellings differ in length ({first} and {second})"
    ),
    "规则文件中没有任何 [[rule]] 规则": "the rules file holds no [[rule]]",
    "规则文件不是有效的 TOML：{error}": "the rules are not valid TOML: {error}",
    "k 至少为 1，而不是 {k}": "k must be at least 1, not {k}",
    "回测需要活动数据：存储中没有活动": "a backtest needs activities: the store holds none",
    "检验期须为 1 至 60 个月，而不是 {horizon}": "the horizon is 1 to 60 months, not {horizon}",
    "未知的方法 {unknown}；可选：{methods}": "unknown method(s) {unknown}; choose from {methods}",
    "状态须为 {flags} 之一，而不是 {status!r}": "status is one of {flags}, not {status!r}",
    "决定须为 {decision_filters} 之一，而不是 {decision!r}": (
        "decision is one of {decision_filters}, not {decision!r}"
    ),
    "排序须为 {sorts} 之一，而不是 {sort!r}": "sort is one of {sorts}, not {sort!r}",
    "每个单位至少推荐 1 个，上限不能为负": "per_unit must be at least 1 and limit not negative",
    "协作区须满足 2 ≤ 最小规模 ≤ 最大规模，人数上限须为正": (
        "zones need 2 ≤ min_size ≤ max_size and a positive max_headcount"
    ),
    "overload_share 须在 0 与 1 之间": "overload_share must lie between 0 and 1",
    "权重 {name} 不能为负数": "the weight {name} must not be negative",
    "{name} 须为正数": "{name} must be positive",
    "这对单位没有可撤销的决定": "there is no decision on this pair to undo",
    "密码长度应为 {min_password} 至 {max_password} 个字符": (
        "a password needs {min_password} to {max_password} characters"
    ),
    "用户名应为 1 至 64 个字母、数字或 . @ - _": (
        "a user name has 1 to 64 letters, digits or . @ - _"
    ),
    "未知角色“{role}”（应为 {roles} 之一）": "unknown role {role!r} (use one of {roles})",
    "街道用户至少要有一个街道": "a street planner needs at least one street",
    "只有街道用户可以指定街道": "only street planners have streets",
    "街道应以区域编号表示": "a street is given by its zone id",
    "没有名为“{name}”的用户": "no user named {name!r}",
    "用户名或密码错误": "wrong user name or password",
    "登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试": (
        "too many failed sign-ins: the account is locked for {minutes} more minute(s)"
    ),
    "用户“{name}”已存在": "a user named {name!r} exists already",
    "不能停用唯一的管理员": "the last admin cannot be disabled",
    "范围中的街道或协作区不存在：{outside}": "the scope names unknown streets or zones: {outside}",
    "此页面未声明访问权限，已拒绝": "this page declares no permission",
    "您的角色无权访问此内容": "your role does not allow this",
    "请先登录": "sign in first",
    "请先修改一次性密码": "change your one-time password first",
    "只有管理员可以查看完整号码": "only an administrator may see full phone and ID numbers",
    "请说明查看理由（至少 {min_reason} 个字）": (
        "state a reason of at least {min_reason} characters"
    ),
    "表单已过期或并非来自本系统，请刷新页面后重试": (
        "the form has expired or did not come from this service: reload the page and retry"
    ),
    "上传的文件超过 {max_upload_mb} MB，请拆分后再上传，或请管理员调高上限": (
        "the upload is larger than {max_upload_mb} MB: split it or ask the administrator to "
        "raise COBUILD_MAX_UPLOAD_MB"
    ),
    "范围内没有单位 {unit!r}": "no unit {unit!r} in scope",
    "两次输入的新密码不一致": "the two new passwords differ",
    "没有编号为“{member_id}”的党员": "no member {member_id!r}",
    "范围内没有单位 {unit_id!r}": "no unit {unit_id!r} in scope",
    "规则文件超过 {max_rules} 个字符": "the rules are longer than {max_rules} characters",
    "请以 JSON 对象发送": "send a JSON object",
    '请发送 {{"partner": 单位编号}}': 'send {{"partner": UNIT_ID}}',
    "k 须为 1 至 {max_k} 的整数，而不是 {raw!r}": (
        "k must be a whole number from 1 to {max_k}, not {raw!r}"
    ),
    '请以 JSON 发送 {{"partner": 编号, "decision": "accept" 或 "dismiss", "note": 备注}}': (
        'send JSON {{"partner": ID, "decision": "accept" | "dismiss", "note": TEXT}}'
    ),
    "决定、备注和跟进人须为文本": "decision, note and owner must be text",
    "到期日须为 YYYY-MM-DD，而不是 {raw!r}": "the due date must be YYYY-MM-DD, not {raw!r}",
    "页码须为整数，而不是 {raw!r}": "page must be a whole number, not {raw!r}",
    "回放周期须为 month（月）或 quarter（季度）": "freq must be month or quarter",
    "最小联系强度须为有限的数字，而不是 {raw!r}": "min_weight must be a finite number, not {raw!r}",
    "path 须为两个不同单位的编号：path=单位A,单位B": (
        "path must name two different units: path=UNIT_A,UNIT_B"
    ),
    "{key} 须为数字，而不是 {value!r}": "{key} must be a number, not {value!r}",
    "{key} 须为有限的数字，而不是 {value!r}": "{key} must be a finite number, not {value!r}",
    "须为 [[rule]] 表": "must be a [[rule]] table",
    "缺少 id": "has no id",
    "id 重复": "the id is used twice",
    "未知的键 {unknown}": "unknown key(s) {unknown}",
    "未知指标 {key!r}；可用：{choices}": "unknown indicator {key!r}; use one of {choices}",
    "权重不能为负数": "the weight must not be negative",
    "veto 须为 true/false，名称与来源须为文本": "veto is true/false; names and source are text",
    "须满足 0 ≤ pass ≤ excellent ≤ 100": "needs 0 ≤ pass ≤ excellent ≤ 100",
    "months 须为 1 至 36 的整数": "months must be a whole number, 1 to 36",
    "发现 {count} 个问题，未写入任何数据": "{count} problem(s) found; nothing was written",
    "只有决定人{author}或管理员可以撤销此决定": "only {author} or an admin may undo this decision",
    "只有决定人或管理员可以撤销此决定": "only its author or an admin may undo this decision",
    "到期日须为日期，而不是 {due!r}": "a due date must be a date, not {due!r}",
    "页码至少为 1，而不是 {page}": "page must be at least 1, not {page}",
    "{label}须为 {allowed} 之一": "{name} must be one of {allowed}",
    "另一次导入仍在写入该 Neo4j 数据库{when}：请等待其完成；中断的导入会在 {minutes} "
    "分钟后被清除": (
        "another import into this Neo4j database is still being written{when}: wait until it "
        "is done; an interrupted import is cleared after {minutes} minutes"
    ),
    "（最近一批写于 {since}）": " (last batch written at {since})",
    "Neo4j（{uri}，数据库 {database}）": "Neo4j at {uri} (database {database!r})",
    "{where}拒绝了用户 {user} 的登录：请检查存储地址或 NEO4J_USER / NEO4J_PASSWORD "
    "中的用户名和密码": (
        "{where} refused the login of user {user!r}: check the user and password in the store "
        "URL or in NEO4J_USER / NEO4J_PASSWORD"
    ),
    "{where}在提交时断开，本次导入可能未写入：请检查数据库服务，再查看统计或重新导入": (
        "{where} went away while committing, so the load may or may not be stored: check the "
        "server, then run `cobuild stats` or load again"
    ),
    "无法连接{where}：请检查数据库服务是否已启动、存储地址中的主机和端口是否正确": (
        "cannot reach {where}: check that the server is running and that the store URL's host "
        "and port are right"
    ),
    "{where}中的数据库 {database} 不可用：请检查存储地址中的 ?database= 以及该数据库是否在线": (
        "{where} has no available database {database!r}: check the ?database= part of the "
        "store URL and that the database is online"
    ),
    "规则 {rule}：{problem}": "rule {rule}: {problem}",
    "{name} = {value:g} 超出{indicator}的取值范围 {low:g}–{high:g}": (
        "{name} = {value:g} lies outside the range of {indicator_en}, {low:g} to {high:g}"
    ),
    "黄色阈值 {amber:g} 比绿色阈值 {green:g} 更严（{side}绿色），无法成立": (
        "amber {amber:g} is stricter than green {green:g} ({side} it): impossible"
    ),
    "高于": "above",
    "低于": "below",
}
