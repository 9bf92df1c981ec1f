"""Assessment: the district table with street and zone roll-ups, the follow-up of
agreed partnerships, the ledger (台账) export, and the admin page for the rules."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from flask import Blueprint, redirect, render_template, request, url_for

from graphmodel import columns as C
from graphmodel.assessment import (
    RulesError,
    RuleSet,
    Scores,
    assess,
    parse_rules,
    partial_quarters,
    quarters,
    read_rules,
    rollup_scores,
    scores,
)
from graphmodel.assessment.followup import conversion, follow_up
from graphmodel.assessment.rules import INDICATORS
from graphmodel.district import District
from graphmodel.records import ZoneKind

from ..access import requires
from ..audit import audit
from ..downloads import caption_tail, download
from ..errors import status_of
from ..exports import XLSX_MIMETYPE, Sheet, write_xlsx
from ..extensions import store
from ..paging import requested_page
from ..params import analysis
from ..rules import RATING_ZH, current_rules, groups, rules_path, rules_shown

bp = Blueprint("assessment", __name__)

STATUS_ZH = {"green": "绿", "amber": "黄", "red": "红"}
STATE_ZH = {
    "on_track": "按期开展",
    "late": "延迟开展",
    "never_started": "未开展",
    "pending": "未到期",
}
#: Units per page of the assessment table (≈ 0.2 MB of HTML).
PAGE_SIZE = 200
#: Follow-up rows the page lists (the ledger has them all).
FOLLOWUP_ROWS = 300
#: The ledger's last column: a quarter the window or the data's end cut short.
PARTIAL_HEADER = C.PARTIAL.zh
PARTIAL = "部分（数据或窗口未覆盖整季）"
#: The largest rules file the admin page accepts (characters).
MAX_RULES = 100_000


#: Ledger words for a status code of :class:`Scores` (-1: the rule does not apply).
STATUS_BY_CODE = {-1: "不适用", 0: "红", 1: "黄", 2: "绿"}


def _street_name(district: District, uid: str) -> str:
    street = district.unit[uid].street
    return district.zone[street].name if street in district.zone else street or ""


def rollups(district: District, result: Scores, *kinds: str) -> list[dict]:
    found = groups(district, *kinds)
    sums = rollup_scores(result, {z: g["units"] for z, g in found.items()})
    return [{"id": z, "name": found[z]["name"], **row} for z, row in sums.items()]


def _order(district: District, result: Scores) -> list[str]:
    """Unit ids by street, best score first, then id (as the table lists them)."""
    score = dict(zip(result.units, np.nan_to_num(result.score, nan=0.0).tolist(), strict=True))
    return sorted(result.units, key=lambda u: (district.unit[u].street or "", -score[u], u))


def follow_up_rows(district: District, rules: RuleSet) -> list[dict]:
    """Accepted suggestions (decisions are read fresh: they change without a load) and agreements."""
    return follow_up(district, store().decisions(), months=rules.followup_months)


@bp.get("/assessment")
@requires("read")
def page():
    """Every unit's status per rule and score (a page of :data:`PAGE_SIZE` units, so that
    a city's table stays small), street and zone roll-ups, and follow-up."""
    request_analysis = analysis()
    district = request_analysis.district()
    rules = current_rules()
    result = scores(district, rules)
    rows = request_analysis.shown(follow_up_rows(district, rules))
    ordered = district.memo(("assessment-order", rules), lambda: _order(district, result))
    at = requested_page(len(ordered), PAGE_SIZE)
    shown = ordered[at.start : at.stop]
    cards = {c["id"]: c for c in assess(district, rules, units=shown)}  # this page's only
    return render_template(
        "assessment.html",
        rules=rules,
        shown_rules=rules_shown(rules),
        cards=[cards[u] for u in shown],
        total=len(ordered),
        page=at.number,
        pages=at.pages,
        first=at.first,
        streets=district.memo(
            ("assessment-streets", rules),
            lambda: rollups(district, result, ZoneKind.STREET.value),
        ),
        zones=district.memo(
            ("assessment-zones", rules),
            lambda: rollups(
                district, result, ZoneKind.COLLABORATION_ZONE.value, ZoneKind.ALLIANCE.value
            ),
        ),
        followup=rows[:FOLLOWUP_ROWS],
        followup_total=len(rows),
        conversion=conversion(rows),
        state_zh=STATE_ZH,
        rating_zh=RATING_ZH,
        window=request_analysis.window,
        query=request_analysis.query(),
    )


#: The follow-up sheet's columns.
FOLLOW_UP = (
    C.STREET_NAME,
    C.FOLLOW_KIND,
    C.FOLLOW_UNITS,
    C.AGREED,
    C.DUE,
    C.FIRST_JOINT,
    C.FOLLOW_STATE,
)
#: How a rule's value is formatted in the ledger, by its indicator's measure.
MEASURE_FORMATS = {"share": C.PERCENT, "count": "0.0", "balance": "0.00"}


#: Ledger words of a status code + 1 (-1: the rule does not apply).
_STATUS_WORDS = np.array([STATUS_BY_CODE[c] for c in (-1, 0, 1, 2)], dtype=object)
#: Rows of the ledger's unit sheet made at a time (bounds the table held).
_CHUNK = 5000


def _quarter_rows(
    units: tuple[list[str], list[str], list[str]],
    label: str,
    result: Scores,
    rules: int,
    mark: str,
) -> Iterator[list]:
    """The ledger's rows of one quarter for ``units`` (ids, street names, names; in that
    order): street, period, id, name, score, rating, value and status per rule, and
    ``mark`` (partial quarter or ""); NaN as an empty cell.

    Built as an object table per chunk of units from the quarter's arrays, so that a
    city's 250,000 rows take a few seconds (a Python loop per cell took more)."""
    ids, streets, names = units
    position = {u: j for j, u in enumerate(result.units)}
    at = np.fromiter((position[u] for u in ids), dtype=np.intp, count=len(ids))
    width = 6 + 2 * rules + 1
    rating = np.array([RATING_ZH.get(r, "") for r in result.rating], dtype=object)
    for start in range(0, len(ids), _CHUNK):
        end = start + _CHUNK
        j = at[start:end]
        table = np.empty((len(j), width), dtype=object)
        table[:, 0] = streets[start:end]
        table[:, 1] = label
        table[:, 2] = ids[start:end]
        table[:, 3] = names[start:end]
        table[:, 4] = _cells(result.score[j])
        table[:, 5] = rating[j]
        table[:, 6 : 6 + 2 * rules : 2] = _cells(result.values[j, :rules])
        table[:, 7 : 7 + 2 * rules : 2] = _STATUS_WORDS[result.status[j, :rules] + 1]
        table[:, -1] = mark
        yield from table.tolist()


def _cells(values: np.ndarray) -> np.ndarray:
    """``values`` as Python floats, NaN as ``None`` (an empty cell)."""
    cells = values.astype(object)
    cells[np.isnan(values)] = None
    return cells


def ledger(district: District, rules: RuleSet, caption_text: str | None = None) -> list[Sheet]:
    """The assessment as a ledger (台账): by street and quarter, with Chinese headers; each
    sheet opens with ``caption_text`` (what, scope, window, data date, who, when)."""
    names = [r.name or r.id for r in rules.rules]
    first = (C.STREET_NAME, C.PERIOD, C.UNIT_ID, C.UNIT_NAME, C.QUARTER_SCORE, C.QUARTER_RATING)
    unit_headers = [c.zh for c in first]
    unit_formats: list[str | None] = [c.format for c in first]
    for name, rule in zip(names, rules.rules, strict=True):
        unit_headers += [name, f"{name}评定"]
        unit_formats += [MEASURE_FORMATS[INDICATORS[rule.indicator].measure], None]
    unit_headers.append(PARTIAL_HEADER)
    street_rows = []
    partial = partial_quarters(district)
    street_groups = groups(district, ZoneKind.STREET.value)
    periods = [(label, scores(district, rules, window)) for label, window in quarters(district)]
    by_street = sorted(
        district.scope_units,
        key=lambda u: (_street_name(district, u), u),
    )

    units = (
        by_street,
        [_street_name(district, u) for u in by_street],
        [district.unit[u].name for u in by_street],
    )

    def unit_rows():  # a quarter at a time, column by column from its arrays
        for label, result in periods:
            mark = PARTIAL if label in partial else ""
            yield from _quarter_rows(units, label, result, len(rules.rules), mark)

    for label, result in periods:
        sums = rollup_scores(result, {z: g["units"] for z, g in street_groups.items()})
        for z, s in sums.items():
            street_rows.append(
                [street_groups[z]["name"], label, s["units"], s["score"]]
                + [s[k] for k in RATING_ZH]
                + [PARTIAL if label in partial else ""]
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

    def titled(what: str) -> str | None:
        return f"{what} · {caption_text}" if caption_text else None

    return [
        Sheet(
            "台账",
            unit_headers,
            unit_rows(),
            caption=titled("考核台账（按季度单独评分）"),
            formats=unit_formats,
        ),
        Sheet(
            "街道汇总",
            [
                *(c.zh for c in (C.STREET_NAME, C.PERIOD, C.UNITS, C.MEAN_QUARTER_SCORE)),
                *RATING_ZH.values(),
                PARTIAL_HEADER,
            ],
            street_rows,
            caption=titled("街道汇总（按季度）"),
            formats=[None, None, None, C.MEAN_QUARTER_SCORE.format],
        ),
        Sheet(
            "结对跟进",
            [c.zh for c in FOLLOW_UP],
            follow,
            caption=titled("结对跟进"),
            formats=[c.format for c in FOLLOW_UP],
        ),
        Sheet(
            "考核规则",
            ["规则", "指标", "绿色阈值", "黄色阈值", "越高越好", "权重", "一票否决", "来源"],
            [
                [
                    r.name or r.id,
                    INDICATORS[r.indicator].zh,
                    r.green,
                    r.amber,
                    "是" if r.better == "higher" else "否（越低越好）",
                    r.weight,
                    "是" if r.veto else "否",
                    r.source,
                ]
                for r in rules.rules
            ],
            caption=titled(f"考核规则（合格线 {rules.passing:g}，优秀线 {rules.excellent:g}）"),
        ),
    ]


@bp.get("/assessment.xlsx")
@requires("export")
def export_xlsx():
    """The ledger (台账) as a workbook: units and streets by quarter, follow-up, rules."""
    request_analysis = analysis()
    district, rules = request_analysis.district(), current_rules()
    decisions = store().decisions()
    marker = (len(decisions), decisions[-1].at if decisions else None)
    # The title row names the scope, window and data date and when the file was made; the
    # exporter is in the audit log. The file is computed once per load (the background job
    # asks for it) and shared by the workers, so it cannot name each person who downloads it.
    caption = caption_tail(request_analysis, exporter=False)

    def build() -> bytes:
        # Streamed row by row (service/workbook.py) into a file, not held as rows in memory.
        with tempfile.TemporaryFile() as out:
            write_xlsx(out, ledger(district, rules, caption))
            out.seek(0)
            return out.read()

    # A new decision changes the follow-up sheet, so it is part of the key. The file is
    # what this user may see: the territory is part of its key (the analysis under it is not).
    territory = tuple(sorted(request_analysis.scope.territory or ()))
    data = district.stored(("ledger-xlsx", rules, marker, territory), build)
    return download(
        data, XLSX_MIMETYPE, ("考核台账", "assessment-ledger"), request_analysis, "xlsx"
    )


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
                "规则文件超过 {max_rules} 个字符",
                max_rules=MAX_RULES,
            )
        rules = parse_rules(text)
    except RulesError as refused:
        return _rules_page(text, refused, status=status_of(refused))
    _write(rules_path(), text)
    audit("rules_save", f"{len(rules.rules)} rules")
    return redirect(url_for("assessment.rules_form", saved=1))
