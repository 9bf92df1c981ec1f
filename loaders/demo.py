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

import dataclasses
import datetime as dt
import itertools
import random
from dataclasses import dataclass

from graphmodel.records import (
    DISTRICT,
    Activity,
    Agreement,
    Member,
    Participation,
    PartyOrg,
    Unit,
    Zone,
)
from graphmodel.store import Bundle

from . import demo_names as names


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

#: Why partners meet (see :meth:`_World.pick_partner`): ``mixed`` is the demo's
#: own mixture; the others are districts whose partnerships follow one rule, so
#: that the suggestions can be checked on worlds they were not tuned on.
PARTNER_RULES = ("mixed", "structure", "proximity", "no-offers")


@dataclass
class _Unit:
    record: Unit
    street: int
    pattern: str  # normal | isolated | declining | follower
    rate: float
    org: str = ""
    #: What the unit really offers and needs, recorded or not (partner rule ``no-offers``).
    hidden: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


class _World:
    """The generator's state; one instance per call of :func:`generate`."""

    def __init__(self, seed: int, scale: Scale, end: dt.date, partner_rule: str = "mixed") -> None:
        self.rng = random.Random(seed)
        self.partner_rule = partner_rule
        self.scale = scale
        self.end = end
        self.start = end.replace(year=end.year - 3) + dt.timedelta(days=1)
        self.last_year = end.replace(year=end.year - 1) + dt.timedelta(days=1)
        self.bundle = Bundle()
        self.units: list[_Unit] = []
        self.by_street: list[list[int]] = []
        self.partners: list[dict[int, int]] = []
        self.names: dict[str, int] = {}
        self.paper_zone: set[int] = set()
        self.zone_mates: dict[int, list[int]] = {}

    # -- places and units ----------------------------------------------------

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
            self.units.append(_Unit(record, street, pattern, rate, hidden=(offers, needs)))
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

    # -- activities -----------------------------------------------------------

    def activity_dates(self) -> list[dt.date]:
        days, weights = [], []
        day = self.start
        while day <= self.end:
            w = 1.0
            if (day.month == 6 and day.day >= 15) or (day.month == 7 and day.day == 1):
                w = 4.0  # the Party's anniversary, July 1st
            elif day.month == 12 or (day.month == 1 and day.day < 10):
                w = 2.0  # year-end reviews
            elif day.month == 2:
                w = 0.4  # Spring Festival
            if day.weekday() >= 5:
                w *= 0.3
            days.append(day)
            weights.append(w)
            day += dt.timedelta(days=1)
        return sorted(self.rng.choices(days, weights, k=self.scale.activities))

    def active(self, i: int, date: dt.date) -> bool:
        u = self.units[i]
        if u.pattern == "isolated":
            return False
        if u.pattern == "declining" and date >= self.last_year:
            return self.rng.random() < 0.15
        return True

    def pick_partner(self, host: int, date: dt.date) -> int | None:
        if self.partner_rule in ("structure", "proximity"):
            return self._pick_by_one_rule(host, date)
        rng, u = self.rng, self.units[host]
        roll = rng.random()
        known = self.partners[host]
        mates = self.zone_mates.get(host)
        if mates and host not in self.paper_zone and rng.random() < 0.3:
            candidate = rng.choice(mates)  # a collaboration zone that works
        elif roll < 0.40 and known:
            candidate = rng.choice(list(known))
        elif roll < 0.55 and known:
            via = self.partners[rng.choice(list(known))]
            candidate = rng.choice(list(via)) if via else rng.choice(self.by_street[u.street])
        elif roll < 0.80:
            candidate = self.complement(host)
        elif roll < 0.95:
            candidate = rng.choice(self.by_street[u.street])
        else:
            candidate = rng.randrange(len(self.units))
        if candidate == host or not self.active(candidate, date):
            return None
        if candidate in self.paper_zone and host in self.paper_zone:
            return None
        return candidate

    def _pick_by_one_rule(self, host: int, date: dt.date) -> int | None:
        """``structure``: repeat partners and partners of partners, else anyone;
        ``proximity``: one of the host's nearest units, else one of its street."""
        rng, u = self.rng, self.units[host]
        roll = rng.random()
        known = self.partners[host]
        if self.partner_rule == "structure":
            if roll < 0.35 and known:
                candidate = rng.choice(list(known))
            elif roll < 0.90 and known:
                via = self.partners[rng.choice(list(known))]
                candidate = rng.choice(list(via)) if via else rng.randrange(len(self.units))
            else:
                candidate = rng.randrange(len(self.units))
        elif roll < 0.85:
            candidate = rng.choice(self.nearest(host))
        else:
            candidate = rng.choice(self.by_street[u.street])
        if candidate == host or not self.active(candidate, date):
            return None
        if candidate in self.paper_zone and host in self.paper_zone:
            return None
        return candidate

    def nearest(self, host: int, n: int = 12) -> list[int]:
        """The ``n`` units nearest to ``host`` in its street (cached)."""
        cache = self.__dict__.setdefault("_nearest", {})
        if host not in cache:
            me = self.units[host].record
            pool = [i for i in self.by_street[self.units[host].street] if i != host]
            pool.sort(
                key=lambda i: (
                    (self.units[i].record.lat - me.lat) ** 2
                    + (self.units[i].record.lon - me.lon) ** 2
                )
            )
            cache[host] = pool[:n] or [host]
        return cache[host]

    def apart(self, host: int, guests: set[int]) -> set[int]:
        """Keep the paper-only zone's units from ever meeting: one of them per activity."""
        seen = host in self.paper_zone
        kept = set()
        for g in sorted(guests):
            if g in self.paper_zone:
                if seen:
                    continue
                seen = True
            kept.add(g)
        return kept

    def complement(self, host: int) -> int:
        """A unit nearby that offers what the host needs (or needs what it offers)."""
        rng, u = self.rng, self.units[host]
        street = u.street if rng.random() < 0.7 else rng.randrange(len(self.by_street))
        pool = self.by_street[street]
        gives, wants = (set(x) for x in u.hidden)
        for _ in range(8):
            c = rng.choice(pool)
            if wants & set(self.units[c].hidden[0]) or gives & set(self.units[c].hidden[1]):
                return c
        return rng.choice(pool)

    def make_activities(self) -> None:
        rng = self.rng
        hosts = [i for i, u in enumerate(self.units) if u.pattern in ("normal", "declining")]
        # Cumulative weights once: random.choices would rebuild them on every call.
        cumulative = list(itertools.accumulate(self.units[i].rate for i in hosts))
        agreements: dict[tuple[int, int], str] = {}
        for n, date in enumerate(self.activity_dates()):
            activity_id = f"E{n + 1:06d}"
            if rng.random() < 0.12:
                self.district_activity(activity_id, date)
                continue
            host = rng.choices(hosts, cum_weights=cumulative)[0]
            if not self.active(host, date):
                host = rng.choices(hosts, cum_weights=cumulative)[0]
                if not self.active(host, date):
                    continue
            size = min(1 + int(rng.expovariate(0.5)), 12)
            guests = {
                p for p in (self.pick_partner(host, date) for _ in range(size)) if p is not None
            }
            guests.discard(host)
            guests = self.apart(host, guests)
            if not guests:
                continue
            pair = (host, min(guests))
            agreement = agreements.get(tuple(sorted(pair)))
            kind = self.activity_kind(host, agreement)
            self.add_activity(activity_id, kind, date, host, sorted(guests), agreement)
            for g in guests:
                self.partners[host][g] = self.partners[host].get(g, 0) + 1
                self.partners[g][host] = self.partners[g].get(host, 0) + 1
            key = tuple(sorted(pair))
            if key not in agreements and self.partners[host][pair[1]] >= 3 and rng.random() < 0.3:
                agreements[key] = self.add_agreement(key, date)

    def activity_kind(self, host: int, agreement: str | None) -> str:
        if agreement and self.rng.random() < 0.6:
            return "project"
        kind = self.units[host].record.kind
        choices = {
            "community": ("theme_day", "volunteer", "volunteer", "project"),
            "school": ("lecture", "theme_day", "volunteer"),
            "enterprise": ("project", "volunteer", "theme_day"),
            "government": ("theme_day", "lecture", "theme_day"),
        }.get(kind, ("theme_day", "volunteer", "lecture", "other"))
        return self.rng.choice(choices)

    def add_activity(
        self,
        activity_id: str,
        kind: str,
        date: dt.date,
        host: int,
        guests: list[int],
        agreement: str | None,
        initiator: str | None = None,
    ) -> None:
        rng, b = self.rng, self.bundle
        h = self.units[host]
        title = f"{h.record.name}{rng.choice(names.ACTIVITY_TITLES[kind])}"
        b.activities.append(
            Activity(
                activity_id,
                title,
                kind,
                date,
                initiator or h.record.id,
                agreement if kind == "project" else None,
            )
        )
        # A joint branch sometimes takes part as an organisation, not per unit.
        org = h.org if h.org and rng.random() < 0.1 else None
        b.participations.append(
            Participation(activity_id, None if org else h.record.id, org, None, "host")
        )
        for k, g in enumerate(guests):
            role = "co-host" if k == 0 and rng.random() < 0.3 else "guest"
            b.participations.append(
                Participation(activity_id, self.units[g].record.id, None, None, role)
            )
        if rng.random() < self.scale.member_share and h.org in self.members_of:
            pool = self.members_of[h.org]
            for m in rng.sample(pool, k=min(len(pool), rng.randint(1, 3))):
                b.participations.append(Participation(activity_id, None, None, m, "guest"))

    def district_activity(self, activity_id: str, date: dt.date) -> None:
        """A meeting the district pushes: a street's units, sometimes a large crowd."""
        rng = self.rng
        street = rng.randrange(len(self.by_street))
        pool = [i for i in self.by_street[street] if self.active(i, date)]
        if len(pool) < 3:
            return
        size = rng.randint(60, 80) if rng.random() < 0.06 else rng.randint(3, 12)
        chosen = rng.sample(pool, k=min(size, len(pool)))
        chosen = [chosen[0], *sorted(self.apart(chosen[0], set(chosen[1:])))]
        kind = rng.choice(("joint_meeting", "theme_day", "lecture"))
        self.add_activity(activity_id, kind, date, chosen[0], chosen[1:], None, DISTRICT)

    def add_agreement(self, pair: tuple[int, int], date: dt.date) -> str:
        a, b = (self.units[i].record for i in pair)
        agreement_id = f"G{len(self.bundle.agreements) + 1:05d}"
        end = (
            date.replace(year=date.year + 2)
            if not (date.month == 2 and date.day == 29)
            else date + dt.timedelta(days=730)
        )
        status = "active" if end >= self.end else "ended"
        self.bundle.agreements.append(
            Agreement(agreement_id, f"{a.name}与{b.name}共建协议", (a.id, b.id), date, end, status)
        )
        return agreement_id


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
