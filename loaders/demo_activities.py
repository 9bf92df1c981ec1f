"""The demo district's activities: who meets whom, when and why
(see :mod:`loaders.demo`).

:class:`Activities` is one half of the demo world (the other is
:class:`loaders.demo_units.PlacesAndPeople`); it reads and fills the world's
state set up in :class:`loaders.demo._World`.
"""

from __future__ import annotations

import datetime as dt
import itertools

from graphmodel.records import DISTRICT, Activity, Agreement, Participation

from . import demo_names as names


class Activities:
    """Makes the activities, their participants and the agreements they carry out."""

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
