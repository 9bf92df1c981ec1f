"""English of the problems a load reports (loaders), keyed by the Chinese."""

from __future__ import annotations

EN: dict[str, str] = {
    "选择“新建单位”时须填写新建单位所属街道": "a new unit needs its street",
    "无法读取确认表：{error}": "cannot read the review file: {error}",
    "确认表中没有工作表“{sheet}”": "the review file has no sheet {sheet!r}",
    "未知的列，已忽略": "unknown column; ignored",
    "单位、党组织、党员至少填一项": "give at least one of unit, party_org, member",
    "与“{written}”重复的列": "duplicates column {written!r}",
    "数值超出范围 {low}–{high}": "value outside {low}–{high}",
    "重复的编号（首次出现在 {where}）": "duplicate id (first at {where})",
    "必填项为空": "required value is missing",
    "错误已达 {limit} 个，停止检查；请先改正以上问题": (
        "stopped after {limit} errors; fix these first"
    ),
    "未能识别活动类型“{text}”，按“其他”导入": "unknown activity kind {text!r}; loaded as other",
    "未能识别单位类型“{text}”，按“其他”导入": "unknown unit kind {text!r}; loaded as other",
    "没有编号为“{unit}”的单位；请从下拉列表中选择": (
        "no unit with id {unit!r}; choose from the drop-down list"
    ),
    "文件为空": "the file is empty",
    "不支持的文件类型（应为 .csv、.json 或 .xlsx）": (
        "unsupported file type (use .csv, .json or .xlsx)"
    ),
    "无法识别文件编码（应为 UTF-8 或 GBK）": "cannot decode the file (use UTF-8 or GBK)",
    "应为对象数组": "expected an array of objects",
    "无法读取文件：{strerror}": "unreadable file: {strerror}",
    "无法读取文件：{error}": "cannot read the file: {error}",
    "列数过多（{cells}，上限 {max_columns} 列）": (
        "too many columns ({cells}, at most {max_columns})"
    ),
    "CSV 格式错误：{error}": "malformed CSV: {error}",
    "JSON 格式错误：{error}": "malformed JSON: {error}",
    "JSON 格式错误：数字位数过多（{error}）": (
        "malformed JSON: a number with too many digits ({error})"
    ),
    "JSON 格式错误：嵌套过深": "malformed JSON: nested too deeply",
    "JSON 中没有任何记录：应为对象数组，或以表名为键的对象，如 {example}": (
        "the JSON holds no records: write an array of objects, or an object keyed by table"
        " names, e.g. {example}"
    ),
    "JSON 顶层应为数组或以表名为键的对象": (
        "the JSON must be an array or an object keyed by table names"
    ),
    "文件夹中没有 CSV/JSON/XLSX 文件": "the folder has no CSV, JSON or XLSX file",
    "文件不存在": "no such file or folder",
    "未找到共建协议“{text}”，活动不关联协议": (
        "no agreement {text!r}; the activity is loaded without one"
    ),
    "与第 {first} 行日期、名称、牵头单位相同，合并为同一活动": (
        "same date, title and host as row {first}: taken as the same activity"
    ),
    "工作单位中有 {count} 名党员叫“{name}”，无法确定是谁": (
        "{count} members of the unit are called {name!r}; cannot tell which"
    ),
    "工作单位没有党组织，无法登记党员": (
        "the unit has no party organisation to register the member under"
    ),
    "无法读取工作簿：{error}": "cannot read the workbook: {error}",
    "工作表内容损坏，无法读取（第 {last} 行之后）：{error}": (
        "the sheet is damaged and cannot be read (after row {last}): {error}"
    ),
    "不是有效的 XLSX 文件": "not a valid XLSX workbook",
    "列数过多（{width} 列，上限 {max_columns} 列）": (
        "too many columns ({width}, at most {max_columns})"
    ),
    "没有可导入的表": "found no table to import",
    "“{value}”不是有效日期（应为 YYYY-MM-DD）": "{value!r} is not a valid date (use YYYY-MM-DD)",
    "“{value}”应为 是 或 否": "{value!r} should be yes or no",
    "应为整数": "expected a whole number",
    "“{value}”不是整数": "{value!r} is not a whole number",
    "“{value}”不是数字": "{value!r} is not a number",
    "包含不允许的控制字符 {code}": "holds the control character {code}",
    "缺少必填列": "missing required column {name!r}",
    "行数超过上限 {rows:,}，已拒绝{hint}": "more than {rows:,} rows; refused{hint}",
    "单元格数超过上限 {cells:,}，已拒绝{hint}": "more than {cells:,} cells; refused{hint}",
    "；更大的文件请用命令行 cobuild load 导入": (
        "; load larger files with the command `cobuild load`"
    ),
    "；是否指“{street}”？": "; did you mean {street!r}?",
    "所属街道“{text}”不是已知的街道{hint}": "street {text!r} is not a known street{hint}",
    "“{name}”按{rule_zh}匹配为 {label}": "{name!r} matched {label} by the {rule} rule",
    "工作表": "sheet",
    "文件名": "file name",
    "{what}“{title}”及其表头不对应任何表，已跳过；可用的表名：{tables}": (
        "{what} {title!r} and its headers name no table; skipped. Tables: {tables}"
    ),
    "按表头": "by its headers",
    "按名称": "by its name",
    "{how}识别为 {zh}": "read as {name} ({zh}) {how}",
    "有多名同名党员": "several members have this name",
    "在参加单位中未找到该党员": "no such member in the units",
    "党员“{name}”：{why}，已略过": "member {name!r}: {why}; skipped",
    "工作簿解压后过大或压缩比异常，已拒绝": (
        "the workbook expands too much when unpacked (too many entries, more than {unpacked:,} "
        "bytes or too compressed); refused"
    ),
    "“{value}”不是允许的值；{hint}可选：{choices}": (
        "{value!r} is not an allowed value; {hint}choose one of: {choices}"
    ),
    "是否指“{label}”？": "did you mean {code!r} ({label})? ",
    "引用了不存在的{table}“{ref}”（文件和库中都没有）": (
        "unknown {singular} {ref!r} (neither in the files nor in the store)"
    ),
    "所属街道“{street}”不是已知区域的编号或名称{hint}": (
        "street {street!r} is neither the id nor the name of a known zone{hint}"
    ),
    # the stages a long load prints (loaders.load)
    "读取文件": "reading the files",
    "检查单元格": "checking cells",
    "匹配台账中的名称": "resolving the ledgers' names",
    "检查编号与引用": "checking ids and references",
    "写入 {count:,} 条记录": "writing {count:,} records",
    "完成": "done",
}
