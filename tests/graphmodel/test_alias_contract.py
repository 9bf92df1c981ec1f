"""The store contract for confirmed names (aliases): the same tests over both backends."""

from __future__ import annotations

from graphmodel.aliases import Alias
from graphmodel.records import Unit, Zone
from graphmodel.store import Bundle, Store

ZONES = [Zone("S1", "沙市街道", "street")]
UNITS = [Unit("U2", "区统计局", "government", "S1"), Unit("U5", "区档案馆", "government", "S1")]


def test_a_new_store_has_no_aliases(store: Store):
    """No name is confirmed before the planner confirms one."""
    assert store.aliases() == []


def test_aliases_persist_and_the_latest_answer_wins(store: Store):
    """Aliases read back as written; a new answer for a name and street replaces the old."""
    store.load(Bundle(zones=ZONES, units=UNITS))
    store.remember_aliases([Alias("区统记局", "S1", "U2"), Alias("全体党员", "", "")])
    store.remember_aliases([Alias("区统记局", "S1", "U5")])
    assert store.aliases() == [Alias("全体党员", "", ""), Alias("区统记局", "S1", "U5")]


def test_aliases_do_not_change_the_content_version(store: Store):
    """Remembering names is not analysed content: the version stays."""
    store.load(Bundle(zones=ZONES, units=UNITS))
    version = store.version()
    store.remember_aliases([Alias("区统记局", "S1", "U2")])
    assert store.version() == version


def test_an_alias_may_name_a_unit_the_store_does_not_hold_yet(store: Store):
    """Aliases are kept even before their unit is loaded (a new unit of the same load)."""
    store.remember_aliases([Alias("星火书店", "S1", "U-0123456789ab")])
    assert store.aliases() == [Alias("星火书店", "S1", "U-0123456789ab")]
