"""Names as planners write them: the normaliser and the resolver (hypothesis where it pays)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphmodel.aliases import Alias
from graphmodel.records import Unit
from loaders.names import SUFFIXES, normalise, split_names, unit_kind
from loaders.resolve import Directory, Resolved, Unresolved

#: Names made of the parts planners combine: place prefixes, a core, suffixes, noise.
CORES = st.text(alphabet="团结阳光东湖桂花华远建设统计档案小学医院社区局馆", min_size=2, max_size=6)
PREFIXES = st.sampled_from(["", "沙市街道", "荆州市沙市区", "中共", "东湖街道", "清河街道"])
NOISE = st.sampled_from(["", " ", "\u3000", "（筹）", "(筹)", "・", "  "])
NAMES = st.builds(
    lambda p, c, s, n: f"{p}{n}{c}{n}{s}",
    PREFIXES,
    CORES,
    st.sampled_from(["", *SUFFIXES]),
    NOISE,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NAMES, st.text(max_size=30)))
def test_normalise_is_idempotent(name):
    """Normalising a normalised name changes nothing."""
    assert normalise(normalise(name)) == normalise(name)


@pytest.mark.parametrize(
    "variant",
    ["沙市街道团结社区党委", "团结社区", "团结社区居委会", "团结社区\u3000", "中共团结社区委员会"],
)
def test_suffix_and_prefix_variants_meet(variant):
    """Street prefixes, party and committee suffixes and full-width spaces all meet."""
    assert normalise(variant) == "团结社区"


def test_a_cell_of_five_names_splits_on_every_separator():
    """、，/ ; and line breaks all separate names; blanks disappear."""
    assert split_names("甲单位、乙单位，丙单位/丁单位\n戊单位；") == [
        "甲单位",
        "乙单位",
        "丙单位",
        "丁单位",
        "戊单位",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("区财政局", "government"),
        ("东湖小学", "school"),
        ("卫生院", "hospital"),
        ("商会", "social_org"),
    ],
)
def test_unit_kinds_come_from_keywords(text, kind):
    """Free-text kinds and names map to unit kinds by keywords."""
    assert unit_kind(text) == kind


@settings(max_examples=200, deadline=None)
@given(core=CORES, suffix_a=st.sampled_from(SUFFIXES), suffix_b=st.sampled_from(SUFFIXES))
def test_two_streets_are_never_merged_without_review(core, suffix_a, suffix_b):
    """Units of two streets whose names normalise alike: a name without a street goes to review."""
    units = [
        Unit("U1", f"沙市街道{core}{suffix_a}", "other", "S1"),
        Unit("U2", f"东湖街道{core}{suffix_b}", "other", "S2"),
    ]
    directory = Directory(units, streets={"S1": "沙市街道", "S2": "东湖街道"})
    if normalise(units[0].name) != normalise(units[1].name):
        return  # a suffix cut too deep (e.g. 局 of 党委 …): not the same name at all
    found = directory.resolve(f"{core}{suffix_a}")
    assert isinstance(found, Unresolved)
    assert {c.unit for c in found.candidates} == {"U1", "U2"}


@settings(max_examples=200, deadline=None)
@given(name=NAMES, other=NAMES)
def test_an_automatic_match_is_never_across_streets(name, other):
    """Whatever the names, a name given with its street never resolves by itself to another street's unit."""
    directory = Directory(
        [Unit("U1", name, "other", "S1"), Unit("U2", other, "other", "S2")],
        streets={"S1": "沙市街道", "S2": "东湖街道"},
    )
    found = directory.resolve(name, "S1")
    if isinstance(found, Resolved) and found.rule != "exact":
        unit = directory.unit(found.unit)
        assert unit.street == "S1" or normalise(other) != normalise(name)


def test_the_street_of_the_ledger_picks_one_of_two_same_names():
    """With the row's street given, the unit of that street is taken."""
    directory = Directory(
        [Unit("U1", "团结社区", "community", "S1"), Unit("U2", "团结社区", "community", "S2")]
    )
    assert directory.resolve("团结社区党委", "S2") == Resolved("U2", "normalised")
    assert isinstance(directory.resolve("团结社区党委"), Unresolved)


def test_a_typo_is_offered_as_a_candidate_not_merged():
    """A one-character typo ranks the right unit first but is not taken without review."""
    directory = Directory(
        [Unit("U1", "区统计局", "government", "S1"), Unit("U2", "区档案馆", "government", "S1")]
    )
    found = directory.resolve("区统记局")
    assert isinstance(found, Unresolved)
    assert found.candidates[0].unit == "U1"


def test_a_confirmed_alias_wins_and_may_ignore():
    """An alias resolves its name; an alias to no unit means ignore."""
    directory = Directory(
        [Unit("U1", "区统计局", "government", "S1")],
        [Alias("区统记局", "", "U1"), Alias("全体党员", "S1", "")],
    )
    assert directory.resolve("区统记局", "S2") == Resolved("U1", "alias")
    assert directory.resolve("全体党员", "S1") == Resolved(None, "alias")
    assert isinstance(directory.resolve("全体党员", "S2"), Unresolved)
