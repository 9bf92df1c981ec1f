"""The import format of the record tables: their columns, Chinese headers and allowed values.

One declaration serves the loaders (header matching, conversion, references),
the planners' template workbook and the README.
"""

from __future__ import annotations

from graphmodel.records import (
    ActivityKind,
    AgreementStatus,
    OrgLevel,
    Role,
    UnitKind,
    ZoneKind,
)

from .schema import Column, Table


def _id(zh: str = "编号") -> Column:
    return Column(
        "id",
        (zh, "ID"),
        required=True,
        help_zh="唯一编号，再次导入时据此更新",
        help_en="unique id; a later import updates the record with this id",
    )


#: The import format of each record table (a CSV file, a JSON array or a
#: workbook sheet per table), in the order of :data:`graphmodel.records.TABLES`.
TABLE_FORMATS: tuple[Table, ...] = (
    Table(
        "zones",
        "区域",
        (
            _id(),
            Column(
                "name",
                ("名称",),
                required=True,
                help_zh="街道、协作区或联盟的名称",
                help_en="name of the street, zone or alliance",
            ),
            Column(
                "kind",
                ("类型",),
                "enum",
                True,
                ZoneKind,
                help_zh="区域类型",
                help_en="kind of zone",
            ),
        ),
        "街道、协作区、联盟",
        "streets, collaboration zones, alliances",
    ),
    Table(
        "units",
        "单位",
        (
            _id(),
            Column(
                "name",
                ("名称", "单位名称"),
                required=True,
                help_zh="单位全称",
                help_en="full name of the unit",
            ),
            Column(
                "kind",
                ("类型", "单位类型"),
                "enum",
                True,
                UnitKind,
                help_zh="单位类型",
                help_en="kind of unit",
            ),
            Column(
                "street",
                ("所属街道", "街道"),
                ref="zones",
                help_zh="所属街道的区域编号或名称",
                help_en="id or name of the unit's street (a zone)",
            ),
            Column(
                "community",
                ("所属社区", "社区"),
                help_zh="所在社区名称",
                help_en="name of the community the unit is in",
            ),
            Column(
                "headcount",
                ("人数", "职工人数"),
                "int",
                help_zh="在编人数（整数）",
                help_en="number of staff (a whole number)",
            ),
            Column(
                "lat",
                ("纬度",),
                "float",
                help_zh="纬度（-90 至 90）",
                help_en="latitude (-90 to 90)",
            ),
            Column(
                "lon",
                ("经度",),
                "float",
                help_zh="经度（-180 至 180）",
                help_en="longitude (-180 to 180)",
            ),
            Column(
                "zones",
                ("所属协作区", "协作区"),
                "list",
                ref="zones",
                help_zh="所属协作区/联盟编号，多个用分号分隔",
                help_en="ids of the unit's zones / alliances, separated by ;",
            ),
            Column(
                "offers",
                ("可提供资源", "资源清单"),
                "list",
                help_zh="可提供的资源，如 场地;师资，分号分隔",
                help_en="resources the unit can offer, e.g. venue;lecturers, separated by ;",
            ),
            Column(
                "needs",
                ("需求", "需求清单"),
                "list",
                help_zh="需要的资源，分号分隔",
                help_en="resources the unit needs, separated by ;",
            ),
        ),
        "机关、企业、社区等单位",
        "organs, enterprises, communities and other units",
    ),
    Table(
        "party_orgs",
        "党组织",
        (
            _id(),
            Column(
                "name",
                ("名称", "党组织名称"),
                required=True,
                help_zh="党组织名称",
                help_en="name of the party organisation",
            ),
            Column(
                "level",
                ("级别", "层级"),
                "enum",
                True,
                OrgLevel,
                help_zh="党组织级别",
                help_en="level of the organisation",
            ),
            Column(
                "units",
                ("所属单位", "单位"),
                "list",
                ref="units",
                help_zh="所在单位编号；联合党支部填多个，分号分隔",
                help_en="ids of its units; a joint branch lists several, separated by ;",
            ),
            Column(
                "parent",
                ("上级组织", "上级党组织"),
                ref="party_orgs",
                help_zh="上级党组织编号",
                help_en="id of the parent organisation",
            ),
        ),
        "党委、党总支、党支部、联合党支部、党小组",
        "committees, branches, joint branches, party groups",
    ),
    Table(
        "members",
        "党员",
        (
            _id(),
            Column("name", ("姓名",), required=True, help_zh="党员姓名", help_en="member's name"),
            Column(
                "party_org",
                ("所属党组织", "党组织"),
                required=True,
                ref="party_orgs",
                help_zh="所属党组织编号",
                help_en="id of the member's party organisation",
            ),
            Column(
                "serving",
                ("在职党员", "在职"),
                "bool",
                help_zh="是否在职党员：是/否",
                help_en="serving member: yes/no",
            ),
            Column(
                "registered_at",
                ("报到社区", "双报到社区"),
                ref="units",
                help_zh="双报到所在社区的单位编号",
                help_en="id of the community unit where the member registered (dual registration)",
            ),
            Column(
                "roles",
                ("职务",),
                "list",
                help_zh="党内职务，分号分隔",
                help_en="party roles, separated by ;",
            ),
            Column(
                "phone",
                ("手机号", "电话"),
                help_zh="手机号（敏感信息，页面上脱敏显示）",
                help_en="phone number (personal data, masked on screen)",
            ),
            Column(
                "id_number",
                ("身份证号",),
                help_zh="身份证号（敏感信息）",
                help_en="ID number (personal data)",
            ),
        ),
        "党员（含在职党员双报到）",
        "party members (with dual registration)",
    ),
    Table(
        "agreements",
        "共建协议",
        (
            _id(),
            Column(
                "title",
                ("名称", "协议名称"),
                required=True,
                help_zh="协议名称",
                help_en="title of the agreement",
            ),
            Column(
                "units",
                ("签约单位", "参与单位"),
                "list",
                ref="units",
                help_zh="签约单位编号，分号分隔",
                help_en="ids of the signing units, separated by ;",
            ),
            Column(
                "start",
                ("开始日期",),
                "date",
                help_zh="开始日期 YYYY-MM-DD",
                help_en="start date YYYY-MM-DD",
            ),
            Column(
                "end",
                ("结束日期",),
                "date",
                help_zh="结束日期 YYYY-MM-DD",
                help_en="end date YYYY-MM-DD",
            ),
            Column(
                "status",
                ("状态",),
                "enum",
                enum=AgreementStatus,
                help_zh="协议状态（默认执行中）",
                help_en="status (default active)",
            ),
        ),
        "契约化共建协议",
        "co-building agreements",
    ),
    Table(
        "activities",
        "活动",
        (
            _id(),
            Column(
                "title",
                ("名称", "活动名称", "标题"),
                required=True,
                help_zh="活动名称",
                help_en="title of the activity",
            ),
            Column(
                "kind",
                ("类型", "活动类型"),
                "enum",
                True,
                ActivityKind,
                help_zh="活动类型",
                help_en="kind of activity",
            ),
            Column(
                "date",
                ("日期", "活动日期"),
                "date",
                True,
                help_zh="活动日期 YYYY-MM-DD（也可 2024/3/5 或 Excel 日期）",
                help_en="date YYYY-MM-DD (also 2024/3/5 or an Excel date)",
            ),
            Column(
                "initiator",
                ("发起方", "发起单位"),
                ref="units",
                help_zh="发起单位编号，区委推动填 区委 或 district",
                help_en="id of the initiating unit, or district (区委) when the district pushed it",
            ),
            Column(
                "agreement",
                ("共建协议", "协议"),
                ref="agreements",
                help_zh="所属共建协议编号",
                help_en="id of the agreement the activity carries out",
            ),
        ),
        "联合主题党日、共建项目、志愿服务等活动",
        "joint theme days, co-building projects, volunteer services …",
    ),
    Table(
        "participations",
        "参与",
        (
            Column(
                "activity",
                ("活动", "活动编号"),
                required=True,
                ref="activities",
                help_zh="活动编号",
                help_en="id of the activity",
            ),
            Column(
                "unit",
                ("单位", "单位编号"),
                ref="units",
                help_zh="参与单位编号",
                help_en="id of the unit taking part",
            ),
            Column(
                "party_org",
                ("党组织", "党组织编号"),
                ref="party_orgs",
                help_zh="参与党组织编号",
                help_en="id of the party organisation taking part",
            ),
            Column(
                "member",
                ("党员", "党员编号"),
                ref="members",
                help_zh="参与党员编号",
                help_en="id of the member taking part",
            ),
            Column(
                "role",
                ("角色",),
                "enum",
                enum=Role,
                help_zh="主办/协办/参与（默认参与）",
                help_en="host / co-host / guest (default guest)",
            ),
        ),
        "谁参加了哪项活动（单位、党组织、党员至少填一项）",
        "who took part in which activity (at least one of unit, party_org, member)",
    ),
)

TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLE_FORMATS}
