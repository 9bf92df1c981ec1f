"""The demo district: deterministic, valid in the import format, with its truths."""

from __future__ import annotations

import datetime as dt

from loaders.demo import generate
from loaders.files import write_csv_folder
from loaders.load import load_paths

END = dt.date(2026, 6, 30)


def test_the_same_seed_gives_the_same_district():
    """A seed and an end date fix the district."""
    assert generate(3, "tiny", END) == generate(3, "tiny", END)


def test_another_seed_gives_another_district():
    """Different seeds give different activities."""
    assert generate(3, "tiny", END).activities != generate(4, "tiny", END).activities


def test_the_demo_passes_its_own_import_format(tmp_path, empty_store):
    """Written as CSV files, the demo loads without a single problem."""
    bundle = generate(5, "tiny", END)
    write_csv_folder(bundle, tmp_path / "csv")
    report = load_paths([tmp_path / "csv"], empty_store)
    assert report.ok and not report.warnings, [str(p) for p in report.problems[:5]]
    assert empty_store.counts() == bundle.sizes()


def test_activities_cover_three_years_up_to_the_end():
    """Activities run over the three years that end on the end date."""
    dates = [a.date for a in generate(1, "tiny", END).activities]
    assert END - dt.timedelta(days=3 * 366) <= min(dates) and max(dates) <= END


def test_some_units_never_take_part():
    """The district has isolated units for planners to find."""
    bundle = generate(2, "district", END)
    active = {p.unit for p in bundle.participations if p.unit}
    orgs = {p.party_org for p in bundle.participations if p.party_org}
    active |= {u for o in bundle.party_orgs if o.id in orgs for u in o.units}
    assert 0 < len(bundle.units) - len(active) < len(bundle.units) // 5
