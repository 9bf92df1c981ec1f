"""Loading CSV folders: encodings, headers in either language, lists and dates."""

from __future__ import annotations

import datetime as dt

import pytest

from loaders.load import load_paths

from .conftest import UNITS, write_csv


def test_a_valid_folder_loads_every_table(folder, empty_store):
    """A folder of valid CSV files is loaded table by table."""
    report = load_paths([folder], empty_store)
    assert report.ok and report.written
    assert {t: c.added for t, c in report.counts.items()} == {
        "zones": 2,
        "units": 2,
        "activities": 2,
        "participations": 3,
    }


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encodings_are_detected(folder, empty_store, encoding):
    """UTF-8 with or without BOM and GBK (Excel on Chinese Windows) read the same."""
    write_csv(folder / "units.csv", UNITS, encoding=encoding)
    report = load_paths([folder], empty_store)
    assert report.ok
    assert [u.name for u in empty_store.units()] == ["桂花社区", "区统计局"]


def test_cells_become_typed_values(folder, empty_store):
    """Lists split on full-width semicolons, street names resolve to zone ids, dates parse."""
    load_paths([folder], empty_store)
    unit = empty_store.units()[0]
    assert (unit.street, unit.headcount, unit.zones, unit.offers) == (
        "S1",
        12,
        ("Z2",),
        ("场地", "志愿者"),
    )
    first, second = empty_store.activities()
    assert first.date == dt.date(2026, 3, 5) and first.kind == "theme_day"
    assert second.initiator == "district"


def test_blank_role_defaults_to_guest(folder, empty_store):
    """A participation without a role is a guest."""
    load_paths([folder], empty_store)
    roles = {(p.activity, p.unit): p.role for p in empty_store.participations()}
    assert roles == {("A1", "U1"): "host", ("A1", "U2"): "guest", ("A2", "U2"): "guest"}


def test_loading_the_same_folder_twice_changes_nothing(folder, empty_store):
    """A second load updates nothing and adds nothing."""
    load_paths([folder], empty_store)
    report = load_paths([folder], empty_store)
    assert all(c.added == c.updated == 0 for c in report.counts.values())


def test_references_may_point_into_the_store(folder, empty_store, tmp_path):
    """A later file may name units that an earlier load put in the store."""
    load_paths([folder], empty_store)
    later = tmp_path / "later"
    later.mkdir()
    write_csv(
        later / "activities.csv",
        [["id", "title", "kind", "date"], ["A3", "党课", "lecture", "2026-08-01"]],
    )
    write_csv(later / "participations.csv", [["activity", "unit"], ["A3", "U1"]])
    report = load_paths([later], empty_store)
    assert report.ok and report.counts["participations"].added == 1
