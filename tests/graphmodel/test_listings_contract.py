"""The store contract for needs and offers (需求清单 · 资源清单): every backend passes these."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.errors import NotFound
from graphmodel.records import Listing
from graphmodel.store import Bundle, Store

POSTED = dt.date(2026, 7, 1)


def test_a_new_store_has_no_listings(store: Store, small_bundle: Bundle):
    """Before any is saved, the store lists none."""
    store.load(small_bundle)
    assert store.listings() == [] and store.listings("U1") == []


def test_a_listing_reads_back_equal(store: Store, small_bundle: Bundle):
    """Every field of a saved need reads back unchanged, Chinese detail included."""
    store.load(small_bundle)
    need = Listing("N1", "U1", "need", "医疗", "老年人义诊，每季度一次", POSTED)
    store.save_listing(need)
    assert store.listings() == [need]


def test_claiming_replaces_the_listing_in_place(store: Store, small_bundle: Bundle):
    """Saving the same id again (claimed, by whom, when, with which unit) replaces it."""
    store.load(small_bundle)
    need = Listing("N1", "U1", "need", "医疗", posted=POSTED)
    store.save_listing(need)
    claimed = Listing(
        "N1", "U1", "need", "医疗", posted=POSTED, status="claimed", claimed_by="张三",
        claimed_at=dt.datetime(2026, 7, 2, 10, 0), partner="U4",
    )  # fmt: skip
    store.save_listing(claimed)
    assert store.listings() == [claimed]


def test_listings_of_a_unit(store: Store, small_bundle: Bundle):
    """listings(unit) gives that unit's needs and offers only, by id."""
    store.load(small_bundle)
    mine = [Listing("L1", "U1", "need", "医疗"), Listing("L2", "U1", "offer", "场地")]
    other = Listing("L3", "U2", "offer", "师资")
    for listing in (*mine, other):
        store.save_listing(listing)
    assert store.listings("U1") == mine
    assert store.listings() == [*mine, other]


def test_a_listing_of_an_unknown_unit_is_refused(store: Store, small_bundle: Bundle):
    """A need of a unit the store does not hold is NotFound, and nothing is saved."""
    store.load(small_bundle)
    with pytest.raises(NotFound):
        store.save_listing(Listing("N9", "U9", "need", "医疗"))
    assert store.listings() == []


def test_saving_a_listing_leaves_the_version(store: Store, small_bundle: Bundle):
    """Needs and offers are not analysed content: the store's version stays."""
    store.load(small_bundle)
    before = store.version()
    store.save_listing(Listing("N1", "U1", "need", "医疗"))
    assert store.version() == before
