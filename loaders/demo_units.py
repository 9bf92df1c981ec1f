"""The demo district's places and people: streets, units, collaboration zones,
party organisations and members (see :mod:`loaders.demo`).

:class:`PlacesAndPeople` is one half of the demo world (the other is
:class:`loaders.demo_activities.Activities`); it reads and fills the world's
state set up in :class:`loaders.demo._World`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from dataclasses import dataclass

from graphmodel.records import Member, PartyOrg, Unit, Zone

from . import demo_names as names

KIND_SHARES = (
    ("community", 0.14),
    ("government", 0.16),
    ("enterprise", 0.24),
    ("institution", 0.09),
    ("social_org", 0.12),
    ("school", 0.10),
    ("hospital", 0.05),
    ("military", 0.02),
    ("other", 0.08),
)
CENTRE = (30.33, 112.24)  # a district centre; coordinates are invented around it

#: Behaviour patterns (the hidden truth) and their shares.
ISOLATED, DECLINING, FOLLOWER = 0.05, 0.07, 0.15


@dataclass
class WorldUnit:
    """A unit of the demo world: its record and its hidden behaviour."""

    record: Unit
    street: int
    pattern: str  # normal | isolated | declining | follower
    rate: float
    org: str = ""
    #: What the unit really offers and needs, recorded or not (partner rule ``no-offers``).
    hidden: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


class PlacesAndPeople:
    """Makes the streets, units, zones, organisations and members of the world."""

    def unique(self, name: str) -> str:
        """Number repeated names 甲, 甲（2）, 甲（3）… as registries do."""
        n = self.names.get(name, 0) + 1
        self.names[name] = n
        return name if n == 1 else f"{name}（{n}）"

    def street_name(self, i: int) -> str:
        words = names.STREETS
        if i < len(words):
            return f"{words[i]}街道"
        return f"{words[i % len(words)]}{names.PLACE_WORDS[i // len(words) % 28]}街道"

    def make_streets(self) -> None:
        rng = self.rng
        self.centres = []
        for i in range(self.scale.streets):
            self.bundle.zones.append(Zone(f"S{i + 1:03d}", self.street_name(i), "street"))
            self.centres.append(
                (CENTRE[0] + rng.uniform(-0.15, 0.15), CENTRE[1] + rng.uniform(-0.2, 0.2))
            )
            self.by_street.append([])

    def unit_name(self, kind: str, street: int) -> str:
        rng, short = self.rng, self.street_name(street)[:-2]
        place = short + rng.choice(names.PLACE_WORDS)
        pick = {
            "community": lambda: f"{rng.choice(names.COMMUNITY_WORDS)}社区",
            "government": lambda: f"{short}{rng.choice(names.GOVERNMENT_DEPTS)}",
            "enterprise": lambda: (
                f"{rng.choice(names.ENTERPRISE_BRANDS)}{rng.choice(names.ENTERPRISE_TRADES)}有限公司"
            ),
            "institution": lambda: f"{place}{rng.choice(names.INSTITUTION_KINDS)}",
            "social_org": lambda: f"{place}{rng.choice(names.SOCIAL_KINDS)}",
            "school": lambda: f"{place}{rng.choice(names.SCHOOL_KINDS)}",
            "hospital": lambda: f"{place}{rng.choice(names.HOSPITAL_KINDS)}",
            "military": lambda: f"{short}{rng.choice(names.MILITARY_KINDS)}",
            "other": lambda: f"{place}{rng.choice(names.OTHER_KINDS)}",
        }
        return self.unique(pick[kind]())

    def headcount(self, kind: str) -> int:
        rng = self.rng
        if kind == "government":
            return rng.randint(10, 30)  # small organs, mean ≈ 18 as in the Jingzhou survey
        if kind == "enterprise":
            return int(rng.lognormvariate(4.5, 1.0)) + 5
        if kind in ("school", "hospital"):
            return rng.randint(60, 600)
        return rng.randint(5, 120)

    def make_units(self) -> None:
        rng = self.rng
        kinds = [k for k, _ in KIND_SHARES]
        weights = [w for _, w in KIND_SHARES]
        n = self.scale.units
        communities: list[list[str]] = [[] for _ in self.by_street]
        # Every street gets communities first, so that each unit has one.
        plan = [("community", s) for s in range(self.scale.streets) for _ in range(3)]
        plan += [
            (k, rng.randrange(self.scale.streets))
            for k in rng.choices(kinds, weights, k=n - len(plan))
        ]
        for i, (kind, street) in enumerate(plan):
            lat0, lon0 = self.centres[street]
            name = self.unit_name(kind, street)
            if kind == "community":
                communities[street].append(name)
            offers = tuple(
                sorted(set(rng.sample(names.OFFERS[kind], k=min(2, len(names.OFFERS[kind])))))
            )
            needs = tuple(
                sorted(set(rng.sample(names.NEEDS[kind], k=min(2, len(names.NEEDS[kind])))))
            )
            roll = rng.random()
            pattern = (
                "isolated"
                if roll < ISOLATED
                else "declining"
                if roll < ISOLATED + DECLINING
                else "follower"
                if roll < ISOLATED + DECLINING + FOLLOWER
                else "normal"
            )
            record = Unit(
                id=f"U{i + 1:05d}",
                name=name,
                kind=kind,
                street=f"S{street + 1:03d}",
                community=name if kind == "community" else rng.choice(communities[street]),
                headcount=self.headcount(kind),
                lat=round(lat0 + rng.gauss(0, 0.01), 5),
                lon=round(lon0 + rng.gauss(0, 0.012), 5),
                offers=offers,
                needs=needs,
            )
            rate = rng.lognormvariate(0, 0.6) * (1.6 if kind == "community" else 1.0)
            self.units.append(WorldUnit(record, street, pattern, rate, hidden=(offers, needs)))
            self.by_street[street].append(i)
            self.partners.append({})

    def make_zones(self) -> None:
        """Collaboration zones of small organs per street group, and alliances by kind."""
        rng, zones = self.rng, self.bundle.zones
        memberships: dict[int, list[str]] = {}
        small = [i for i, u in enumerate(self.units) if u.record.kind == "government"]
        by_street: dict[int, list[int]] = {}
        for i in small:
            by_street.setdefault(self.units[i].street, []).append(i)
        number = 0
        for street in sorted(by_street):
            group = by_street[street]
            for start in range(0, len(group) - 3, 6):
                number += 1
                zone_id = f"Z{number:03d}"
                zones.append(Zone(zone_id, f"党建协作{_cn_number(number)}区", "collaboration_zone"))
                members = group[start : start + 6]
                for i in members:
                    memberships.setdefault(i, []).append(zone_id)
                    self.zone_mates[i] = [m for m in members if m != i]
                if number == 2:  # the zone that exists on paper only
                    self.paper_zone = set(group[start : start + 6])
        for j, (kind, title) in enumerate(
            (
                ("school", "教育党建联盟"),
                ("hospital", "医疗卫生党建联盟"),
                ("enterprise", "非公企业党建联盟"),
            )
        ):
            zone_id = f"A{j + 1:02d}"
            zones.append(Zone(zone_id, title, "alliance"))
            pool = [i for i, u in enumerate(self.units) if u.record.kind == kind]
            for i in rng.sample(pool, k=min(len(pool), max(4, len(pool) // 8))):
                memberships.setdefault(i, []).append(zone_id)
        for i, zone_ids in memberships.items():
            u = self.units[i]
            u.record = dataclasses.replace(u.record, zones=tuple(zone_ids))
        if self.partner_rule == "no-offers":  # partners still meet for them, unrecorded
            for u in self.units:
                u.record = dataclasses.replace(u.record, offers=(), needs=())
        self.bundle.units.extend(u.record for u in self.units)

    # -- party organisations and members -------------------------------------

    def make_orgs(self) -> None:
        orgs = self.bundle.party_orgs
        tiny: dict[int, list[int]] = {}
        for i, u in enumerate(self.units):
            head = u.record.headcount or 0
            if u.record.kind == "social_org" and head < 40 or head < 12:
                tiny.setdefault(u.street, []).append(i)
                continue
            level = "committee" if head >= 200 else "general_branch" if head >= 80 else "branch"
            org_id = f"P{len(orgs) + 1:05d}"
            suffix = {"committee": "党委", "general_branch": "党总支", "branch": "党支部"}[level]
            orgs.append(PartyOrg(org_id, f"{u.record.name}{suffix}", level, (u.record.id,)))
            u.org = org_id
            if level != "branch":
                for k in range(1, 3):
                    branch = f"P{len(orgs) + 1:05d}"
                    orgs.append(
                        PartyOrg(
                            branch,
                            f"{u.record.name}第{_cn_number(k)}党支部",
                            "branch",
                            (u.record.id,),
                            org_id,
                        )
                    )
                    if head >= 400:
                        group = f"P{len(orgs) + 1:05d}"
                        orgs.append(
                            PartyOrg(
                                group,
                                f"{u.record.name}第{_cn_number(k)}党小组",
                                "group",
                                (u.record.id,),
                                branch,
                            )
                        )
        for street, members in sorted(tiny.items()):
            for start in range(0, len(members), 4):
                chunk = members[start : start + 4]
                org_id = f"P{len(orgs) + 1:05d}"
                unit_ids = tuple(self.units[i].record.id for i in chunk)
                orgs.append(
                    PartyOrg(
                        org_id,
                        f"{self.street_name(street)}第{start // 4 + 1}联合党支部",
                        "joint_branch",
                        unit_ids,
                    )
                )
                for i in chunk:
                    self.units[i].org = org_id

    def make_members(self) -> None:
        rng, members = self.rng, self.bundle.members
        communities = [
            [self.units[i].record.id for i in s if self.units[i].record.kind == "community"]
            for s in self.by_street
        ]
        self.members_of: dict[str, list[str]] = {}
        total = int(self.scale.units * self.scale.members_per_unit)
        for n in range(total):
            u = self.units[rng.randrange(len(self.units))]
            serving = u.record.kind != "community" and rng.random() < 0.8
            registered = None
            if serving and rng.random() < 0.85:  # dual registration, not everywhere yet
                street = u.street if rng.random() < 0.8 else rng.randrange(len(self.by_street))
                registered = rng.choice(communities[street])
            member_id = f"M{n + 1:06d}"
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
            members.append(
                Member(
                    id=member_id,
                    name=rng.choice(names.SURNAMES)
                    + "".join(rng.choices(names.GIVEN, k=rng.choice((1, 2)))),
                    party_org=u.org,
                    serving=serving,
                    registered_at=registered,
                    roles=("支部书记",) if rng.random() < 0.05 else (),
                    phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
                    id_number=_id_number(rng, birth),
                )
            )
            self.members_of.setdefault(u.org, []).append(member_id)


def _cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _id_number(rng: random.Random, birth: dt.date) -> str:
    """A synthetic 18-digit ID number with a valid check digit (GB 11643)."""
    body = f"4210{rng.randrange(100):02d}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
    return body + check
