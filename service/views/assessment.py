"""Assessment: the district table with street and zone roll-ups, the follow-up of
agreed partnerships, the ledger (台账) export, and the admin page for the rules."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from flask import Blueprint, current_app, redirect, render_template, request, send_file, url_for

from graphmodel.assessment import (
    RulesError,
    RuleSet,
    assess,
    parse_rules,
    partial_quarters,
    quarters,
    read_rules,
)
from graphmodel.assessment import rollup as roll_up
from graphmodel.assessment.followup import conversion, follow_up
from graphmodel.district import District
from graphmodel.records import ZoneKind

from ..access import requires
from ..accounts import audit
from ..exports import Sheet, write_xlsx
from ..extensions import store
from ..params import analysis

bp = Blueprint("assessment", __name__)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RATING_ZH = {"excellent": "优秀", "pass": "合格", "fail": "不合格", "ineligible": "取消评优资格"}
STATUS_ZH = {"green": "绿", "amber": "黄", "red": "红"}
STATE_ZH = {
    "on_track": "按期开展",
    "late": "延迟开展",
    "never_started": "未开展",
    "pending": "未到期",
}
#: The ledger's last column: a quarter the window or the data's end cut short.
PARTIAL_HEADER = "部分期间"
PARTIAL = "部分（数据或窗口未覆盖整季）"
#: The largest rules file the admin page accepts (characters).
MAX_RULES = 100_000


def rules_path() -> Path:
    return Path(current_app.extensions["cobuild.settings"].rules)


def current_rules() -> RuleSet:
    """The rules in force: the COBUILD_RULES file, or the shipped rules until it exists."""
    return read_rules(rules_path())[0]


def groups(district: District, *kinds: str) -> dict[str, dict]:
    """Zones of ``kinds`` holding units in scope: ``{id: {"name", "units"}}``."""
    in_scope = set(district.scope_units)
    return {
        z: {"name": district.zone[z].name, "units": us}
        for z, us in district.zone_groups(*kinds).items()
        if any(u in in_scope for u in us)
    }


def rollups(district: District, cards: list[dict], *kinds: str) -> list[dict]:
    found = groups(district, *kinds)
    sums = roll_up(cards, {z: g["units"] for z, g in found.items()})
    return [{"id": z, "name": found[z]["name"], **row} for z, row in sums.items()]


def follow_up_rows(district: District, rules: RuleSet) -> list[dict]:
    """Accepted suggestions (decisions are read fresh: they change without a load) and agreements."""
    return follow_up(district, store().decisions(), months=rules.followup_months)


@bp.get("/assessment")
@requires("read")
def page():
    """Every unit's status per rule and score, street and zone roll-ups, and follow-up."""
    request_analysis = analysis()
    district = request_analysis.district()
    rules = current_rules()
    cards = assess(district, rules)
    rows = request_analysis.shown(follow_up_rows(district, rules))
    return render_template(
        "assessment.html",
        rules=rules,
        cards=sorted(cards, key=lambda c: (c["street"] or "", -(c["score"] or 0), c["id"])),
        streets=rollups(district, cards, ZoneKind.STREET.value),
        zones=rollups(district, cards, ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value),
        followup=rows,
        conversion=conversion(rows),
        state_zh=STATE_ZH,
        rating_zh=RATING_ZH,
        window=request_analysis.window,
        query=request_analysis.query(),
    )


def ledger(district: District, rules: RuleSet) -> list[Sheet]:
    """The assessment as a ledger (台账): by street and quarter, with Chinese headers."""
    names = [r.name or r.id for r in rules.rules]
    unit_headers = ["街道", "期间", "单位编号", "单位名称", "得分", "等级"]
    for name in names:
        unit_headers += [name, f"{name}评定"]
    unit_headers.append(PARTIAL_HEADER)
    unit_rows, street_rows = [], []
    street_groups = groups(district, ZoneKind.STREET.value)
    partial = partial_quarters(district)
    for label, window in quarters(district):
        cut = PARTIAL if label in partial else ""
        cards = assess(district, rules, window, compare=False)
        for card in sorted(cards, key=lambda c: (c["street_name"], c["id"])):
            row = [card["street_name"], label, card["id"], card["name"], card["score"]]
            row.append(RATING_ZH.get(card["rating"], ""))
            for result in card["rules"]:
                row += [result["value"], STATUS_ZH.get(result["status"], "不适用")]
            unit_rows.append([*row, cut])
        sums = roll_up(cards, {z: g["units"] for z, g in street_groups.items()})
        for z, s in sums.items():
            street_rows.append(
                [street_groups[z]["name"], label, s["units"], s["score"]]
                + [s[k] for k in RATING_ZH]
                + [cut]
            )
    street_rows.sort(key=lambda r: (r[0], r[1]))
    follow = [
        [
            r["street_name"],
            "采纳的建议" if r["kind"] == "suggestion" else "共建协议",
            "、".join(u["name"] for u in r["units"]),
            r["since"],
            r["deadline"],
            r["first_joint"],
            STATE_ZH[r["state"]],
        ]
        for r in follow_up_rows(district, rules)
    ]
    return [
        Sheet("台账", unit_headers, unit_rows),
        Sheet(
            "街道汇总",
            ["街道", "期间", "单位数", "平均得分", *RATING_ZH.values(), PARTIAL_HEADER],
            street_rows,
        ),
        Sheet(
            "结对跟进",
            ["街道", "类别", "单位", "商定日期", "应开展日期", "首次联合活动", "状态"],
            follow,
        ),
        Sheet(
            "考核规则",
            ["规则", "指标", "绿色阈值", "黄色阈值", "权重", "一票否决", "来源"],
            [
                [r.name or r.id, r.indicator, r.green, r.amber, r.weight, "是" if r.veto else "否"]
                + [r.source]
                for r in rules.rules
            ],
        ),
    ]


@bp.get("/assessment.xlsx")
@requires("export")
def export_xlsx():
    """The ledger (台账) as a workbook: units and streets by quarter, follow-up, rules."""
    request_analysis = analysis()
    out = io.BytesIO()
    write_xlsx(out, ledger(request_analysis.district(), current_rules()))
    out.seek(0)
    name = f"assessment-{request_analysis.window.end.isoformat()}.xlsx"
    return send_file(out, mimetype=XLSX, as_attachment=True, download_name=name)


def _rules_page(text: str, error: RulesError | None = None, saved: bool = False, status=200):
    page = render_template(
        "rules.html", text=text, error=error, saved=saved, path=str(rules_path())
    )
    return page, status


@bp.get("/admin/rules")
@requires("admin")
def rules_form():
    """The rules file in a text box, with the indicators it may use."""
    path = rules_path()
    try:
        text = read_rules(path)[1]
    except RulesError as broken:  # edited by hand into something unusable: show it to fix
        return _rules_page(path.read_text("utf-8"), broken)
    return _rules_page(text, saved=request.args.get("saved") == "1")


def _write(path: Path, text: str) -> None:
    """Replace ``path`` atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".rules-", suffix=".toml")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


@bp.post("/admin/rules")
@requires("admin")
def save_rules():
    """Check the rules and save them; refuse with the message when they cannot be used."""
    text = request.form.get("rules", "").replace("\r\n", "\n")
    try:
        if len(text) > MAX_RULES:
            raise RulesError(
                f"the rules are longer than {MAX_RULES} characters",
                f"规则文件超过 {MAX_RULES} 个字符",
            )
        rules = parse_rules(text)
    except RulesError as refused:
        return _rules_page(text, refused, status=422)
    _write(rules_path(), text)
    audit("rules_save", f"{len(rules.rules)} rules")
    return redirect(url_for("assessment.rules_form", saved=1))
