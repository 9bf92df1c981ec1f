"""The report, the window and scope it takes, and the snapshot cache."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmodel.district import District, clear_cache, snapshot
from graphmodel.errors import BadScope, BadWindow
from graphmodel.metrics import EXPLANATIONS
from graphmodel.records import Activity, Participation, Unit, Zone
from graphmodel.report import KEYS, ReportOptions, build_report, report, report_tables
from graphmodel.store import Bundle, open_store
from graphmodel.window import Scope, Window, parse_date, parse_scope, parse_window

END = dt.date(2026, 6, 30)
WINDOW = Window(END, 12)


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


# -- window and scope ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("end", "months", "start"),
    [
        (dt.date(2026, 6, 30), 12, dt.date(2025, 7, 1)),
        (dt.date(2026, 6, 30), 1, dt.date(2026, 6, 1)),
        (dt.date(2026, 3, 15), 1, dt.date(2026, 2, 16)),
        (dt.date(2024, 2, 29), 12, dt.date(2023, 3, 1)),
    ],
)
def test_window_start(end, months, start):
    """A window of m months ending on a day starts the day after that day m months back."""
    assert Window(end, months).start == start


def test_previous_window_ends_the_day_before():
    """The previous window has the same length and ends the day before this one starts."""
    previous = WINDOW.previous()
    assert (previous.start, previous.end) == (dt.date(2024, 7, 1), dt.date(2025, 6, 30))


@pytest.mark.parametrize(("freq", "count"), [("month", 12), ("quarter", 4)])
def test_periods_cover_the_window(freq, count):
    """A 12-month window ending on a month's last day has 12 months and 4 quarters, none partial."""
    periods = WINDOW.periods(freq)
    assert len(periods) == count and not any(p.partial for p in periods)
    assert (periods[0].start, periods[-1].end) == (WINDOW.start, WINDOW.end)


def test_periods_clip_a_partial_month():
    """A window ending mid-month starts and ends with partial months."""
    periods = Window(dt.date(2026, 6, 15), 1).periods("month")
    assert [(p.label, p.partial) for p in periods] == [("2026-05", True), ("2026-06", True)]


@pytest.mark.parametrize("months", [0, -1, 121, "12"])
def test_window_length_is_checked(months):
    """Zero, negative, too long or non-integer lengths are refused."""
    with pytest.raises(BadWindow):
        Window(END, months)


@pytest.mark.parametrize("text", ["2026-06-30", "2026/6/30", "2026年6月30日", " 2026.06.30 "])
def test_parse_date_reads_common_forms(text):
    """ISO, slashes, dots and the Chinese form all read as the same day."""
    assert parse_date(text) == END


@pytest.mark.parametrize("text", ["30/06/2026", "2026-02-30", "", "yesterday"])
def test_parse_date_refuses_other_text(text):
    """Unreadable or impossible dates raise BadWindow."""
    with pytest.raises(BadWindow):
        parse_date(text)


def test_parse_window_defaults_to_today():
    """Without an end date the window ends on the `today` passed in."""
    assert parse_window(None, 6, today=END) == Window(END, 6)


def test_parse_scope_reads_each_kind_of_item():
    """street:, zone: and kind: (either language) build the scope."""
    scope = parse_scope(["street:S1", "zone:Z1", "kind:社区", "kind:school"])
    assert scope == Scope(frozenset({"S1"}), frozenset({"Z1"}), frozenset({"community", "school"}))


@pytest.mark.parametrize("item", ["road:S1", "street:", "kind:spaceship"])
def test_parse_scope_refuses_unknown_items(item):
    """Unknown item names, empty values and unknown kinds are refused."""
    with pytest.raises(BadScope):
        parse_scope([item])


def test_scope_naming_an_unknown_street_is_refused(small_bundle):
    """A scope naming a street the district does not have raises BadScope."""
    with pytest.raises(BadScope):
        District.from_bundle(small_bundle, WINDOW, parse_scope(["street:NOPE"]))


# -- the report on the shared small bundle ---------------------------------------------
# A1 (2026-03-05): U1 host, U2 co-host, member M1 of joint branch P2 (U2, U3) → U1, U2, U3.
# A2 (2026-07-01) lies after the window. So U1–U2–U3 form a triangle and U4 is isolated.


@pytest.fixture
def small_report(small_bundle) -> dict:
    return build_report(District.from_bundle(small_bundle, WINDOW))


def test_report_has_the_stable_keys(small_report):
    """The top-level keys are meta plus the issue's eleven, in order."""
    assert list(small_report) == ["meta", *KEYS]


def test_report_is_plain_json(small_report):
    """The report serialises to JSON without NaN and comes back equal."""
    text = json.dumps(small_report, ensure_ascii=False, allow_nan=False)
    assert json.loads(text) == small_report


def test_every_report_key_is_explained():
    """Each top-level key has a Chinese and an English explanation for the pages."""
    assert all(EXPLANATIONS[k]["zh"] and EXPLANATIONS[k]["en"] for k in KEYS)


def test_isolated_unit_listed_by_id_and_name(small_report):
    """U4 had no joint activity in the window and is listed with its name."""
    (unit,) = small_report["isolated"]["units"]
    assert (unit["id"], unit["name"]) == ("U4", "华远建设有限公司")


def test_triangle_density_over_four_units(small_report):
    """Three ties among four units: density 3/6."""
    assert small_report["density"]["scope"] == {"units": 4, "ties": 3, "density": 0.5}


def test_small_district_betweenness_is_exact(small_report):
    """A small district gets exact betweenness, and the report says so."""
    assert small_report["brokers"]["betweenness"] == {"method": "exact", "sources": 4, "seed": None}


def test_scope_narrows_the_lists(small_bundle):
    """With street S2 in scope only U3 and U4 are considered; U4 is still isolated."""
    data = build_report(District.from_bundle(small_bundle, WINDOW, parse_scope(["street:S2"])))
    assert data["meta"]["units_in_scope"] == 2
    assert [u["id"] for u in data["isolated"]["units"]] == ["U4"]


def test_report_tables_have_chinese_headers_for_every_column(small_report):
    """Every table names each column in Chinese and each row can fill every column."""
    for table in report_tables(small_report):
        chinese = [h for h in table.headers if any("\u4e00" <= ch <= "\u9fff" for ch in h)]
        assert chinese == [h for h in table.headers if h != "Explanation"]
        assert all(len(row) == len(table.headers) for row in table.values())


def test_a_territory_lists_its_units_with_the_districts_figures(small_bundle):
    """A street planner's report lists S1's units only, each with the figures the whole
    district's report gives it (ties to S2 count: U2 meets U3 and U4)."""
    whole = build_report(District.from_bundle(small_bundle, Window(dt.date(2026, 7, 31))))
    territory = Scope(territory=frozenset({"S1"}))
    inside = District.from_bundle(small_bundle, Window(dt.date(2026, 7, 31)), territory)
    mine = build_report(inside)
    for section in ("isolated", "followers", "district_dependence", "balance", "brokers"):
        expected = [r for r in whole[section]["units"] if r["id"] in {"U1", "U2"}]
        assert mine[section]["units"] == expected, section
    u2 = next(r for r in mine["brokers"]["units"] if r["id"] == "U2")
    assert u2["streets_linked"] == 1 and u2["degree"] == 3


def test_scoped_views_share_the_snapshot_and_its_graphs(small_bundle):
    """Another scope's view of a snapshot reuses its graphs, not only its records."""
    district = District.from_bundle(small_bundle, WINDOW)
    view = district.scoped(parse_scope(["street:S2"]))
    assert view.collaboration_graph() is district.collaboration_graph()
    assert view.scope_units == ["U3", "U4"] and len(district.scope_units) == 4


def test_snapshot_is_shared_by_every_scope(sqlite_url, small_bundle):
    """Two scopes of the same window read the store once."""
    store = open_store(sqlite_url)
    store.load(small_bundle)
    one, other = snapshot(store, WINDOW), snapshot(store, WINDOW, parse_scope(["street:S1"]))
    assert one.units is other.units and one.scope != other.scope


# -- the cache ---------------------------------------------------------------------------


def test_snapshot_is_reused_for_the_same_version(sqlite_url, small_bundle):
    """Two requests for the same store content, window and scope share one snapshot."""
    store = open_store(sqlite_url)
    store.load(small_bundle)
    assert snapshot(store, WINDOW) is snapshot(store, WINDOW)


def test_snapshot_is_read_again_after_a_load(sqlite_url, small_bundle):
    """A load changes the store's version, so the next request reads the new content."""
    store = open_store(sqlite_url)
    store.load(small_bundle)
    before = snapshot(store, WINDOW)
    store.load(Bundle(units=[Unit("U9", "新单位", "school", "S1")]))
    after = snapshot(store, WINDOW)
    assert after is not before and "U9" in after.unit


def test_an_earlier_window_is_cut_from_the_cached_snapshot(sqlite_url, small_bundle):
    """The previous window, cut from the cached later snapshot, reports what a fresh read does."""
    store = open_store(sqlite_url)
    store.load(small_bundle)
    later = snapshot(store, WINDOW)
    later.incidence  # noqa: B018 (built, so the cut reuses its columns)
    cut = snapshot(store, WINDOW.previous())
    assert cut.units[0] is later.units[0]  # the records are shared, not read again
    fresh = District.from_store(store, WINDOW.previous())
    assert build_report(cut) == build_report(fresh)


def test_report_is_computed_once_per_version(sqlite_url, small_bundle):
    """Asking twice returns the very same report object (no recomputation)."""
    store = open_store(sqlite_url)
    store.load(small_bundle)
    assert report(store, WINDOW) is report(store, WINDOW)


def test_different_options_give_a_different_report(sqlite_url, small_bundle):
    """Options are part of what is remembered."""
    store = open_store(sqlite_url)
    store.load(small_bundle)
    other = dataclasses.replace(ReportOptions(), inactive_days=10)
    assert (
        report(store, WINDOW)["inactive"]["days"]
        != report(store, WINDOW, options=other)["inactive"]["days"]
    )


# -- invariant -------------------------------------------------------------------------------

bundles = st.lists(
    st.tuples(st.integers(0, 7), st.integers(0, 5), st.integers(0, 400)), max_size=25
).map(
    lambda rows: Bundle(
        zones=[Zone("S1", "一街道", "street"), Zone("S2", "二街道", "street")],
        units=[Unit(f"U{i}", f"单位{i}", "school", f"S{i % 2 + 1}") for i in range(8)],
        activities=[
            Activity(f"A{k}", "活动", "lecture", END - dt.timedelta(days=days))
            for k, days in {k: d for _, k, d in rows}.items()
        ],
        participations=[Participation(f"A{k}", f"U{u}") for u, k, _ in rows],
    )
)


@settings(max_examples=40, deadline=None)
@given(bundles, st.sampled_from([[], ["street:S1"], ["street:S2"], ["kind:school"]]))
def test_isolated_and_active_units_make_up_the_scope(bundle, scope_items):
    """Every unit in scope is either isolated or has a tie — never both, never neither."""
    district = District.from_bundle(bundle, WINDOW, parse_scope(scope_items))
    data = build_report(district)
    isolated = {u["id"] for u in data["isolated"]["units"]}
    graph = district.collaboration_graph()
    active = {u for u in district.scope_units if graph.weight[[graph.index[u]]].nnz}
    assert isolated | active == set(district.scope_units) and not isolated & active


def test_a_report_can_be_limited_to_some_sections():
    """sections= computes only the named metrics (plus meta)."""
    district = District.from_bundle(Bundle(units=[Unit("U1", "一中", "school")]), Window(END))
    data = build_report(district, sections=("isolated", "density"))
    assert set(data) == {"meta", "isolated", "density"}


def test_a_brief_report_keeps_the_headline_figures_only(small_bundle):
    """brief= gives the same ties and density as the full report, without groups or series."""
    district = District.from_bundle(small_bundle, WINDOW)
    full = build_report(district, sections=("density", "isolated"))
    brief = build_report(district, sections=("density", "isolated"), brief=True)
    assert brief["density"] == {
        "scope": full["density"]["scope"],
        "district": full["density"]["district"],
    }
    assert brief["isolated"] == full["isolated"]
