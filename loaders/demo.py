"""The demo district: a seeded, synthetic world with something true to find.

Partnerships form for reasons — repeat partners, partners of partners,
complementary needs and offers, same street — plus noise and district-pushed
meetings. Some units are isolated, some decline in the last year, some only
follow, and one collaboration zone exists on paper only. The README lists the
rules. Analysis and suggestion code must never import this module: the demo
is a world to discover, not an answer key.

>>> bundle = generate(seed=1, scale="tiny", end=dt.date(2026, 6, 30))
>>> len(bundle.units) > 0 and len(bundle.activities) > 0
True
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from graphmodel.store import Bundle

from .demo_activities import Activities
from .demo_units import PlacesAndPeople, WorldUnit


@dataclass(frozen=True)
class Scale:
    streets: int
    units: int
    activities: int
    members_per_unit: float
    member_share: float  # share of activities that also list individual members


SCALES = {
    "tiny": Scale(3, 60, 200, 3, 0.3),
    "district": Scale(12, 640, 2_600, 8, 0.3),
    "S": Scale(40, 5_000, 20_000, 1.5, 0.1),
    "M": Scale(300, 50_000, 200_000, 1.0, 0.1),
}


#: Why partners meet (see :meth:`loaders.demo_activities.Activities.pick_partner`):
#: ``mixed`` is the demo's own mixture; the others are districts whose
#: partnerships follow one rule, so that the suggestions can be checked on
#: worlds they were not tuned on.
PARTNER_RULES = ("mixed", "structure", "proximity", "no-offers")


class _World(PlacesAndPeople, Activities):
    """The generator's state; one instance per call of :func:`generate`."""

    def __init__(self, seed: int, scale: Scale, end: dt.date, partner_rule: str = "mixed") -> None:
        self.rng = random.Random(seed)
        self.partner_rule = partner_rule
        self.scale = scale
        self.end = end
        self.start = end.replace(year=end.year - 3) + dt.timedelta(days=1)
        self.last_year = end.replace(year=end.year - 1) + dt.timedelta(days=1)
        self.bundle = Bundle()
        self.units: list[WorldUnit] = []
        self.by_street: list[list[int]] = []
        self.partners: list[dict[int, int]] = []
        self.names: dict[str, int] = {}
        self.paper_zone: set[int] = set()
        self.zone_mates: dict[int, list[int]] = {}


def generate(
    seed: int = 7, scale: str = "district", end: dt.date | None = None, partner_rule: str = "mixed"
) -> Bundle:
    """Generate the demo district as a bundle of records.

    ``scale`` is ``tiny``, ``district`` (hundreds of units), ``S`` (≈5,000 units)
    or ``M`` (≈50,000 units); the same ``seed`` and ``end`` give the same district.
    ``partner_rule`` (:data:`PARTNER_RULES`) changes why partners meet: ``mixed``
    (the README's rules), ``structure`` (repeat partners and partners of
    partners only), ``proximity`` (nearest units only) or ``no-offers`` (the
    mixed rules, but no unit's offers and needs are recorded).
    """
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    if partner_rule not in PARTNER_RULES:
        raise ValueError(
            f"unknown partner rule {partner_rule!r}; choose one of {', '.join(PARTNER_RULES)}"
        )
    world = _World(seed, SCALES[scale], end or dt.date.today(), partner_rule)
    world.make_streets()
    world.make_units()
    world.make_zones()
    world.make_orgs()
    world.make_members()
    world.make_activities()
    return world.bundle
