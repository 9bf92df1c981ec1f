"""What every section of the report reads: the options and the district's two graphs."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..district import District
from ..metrics import activity as act
from ..metrics import balance as bal
from ..metrics import structure as st
from ..projection import GATHERING_SIZE, SparseGraph


@dataclass(frozen=True)
class ReportOptions:
    """The report's choices; each has the default the explanations describe."""

    inactive_days: int = act.INACTIVE_DAYS
    decline_min_base: int = act.DECLINE_MIN_BASE
    decline_drop: float = act.DECLINE_DROP
    max_size: int | None = GATHERING_SIZE
    half_life: float | None = None
    exact_betweenness_up_to: int = st.EXACT_BETWEENNESS_UP_TO
    betweenness_samples: int = st.BETWEENNESS_SAMPLES
    seed: int = st.SEED
    one_sided_min: int = bal.ONE_SIDED_MIN
    top: int = 200


@dataclass
class Context:
    """What every section reads: the district, the options and the two graphs."""

    district: District
    options: ReportOptions
    graph: SparseGraph  # the whole district's unit graph of the window
    scoped: SparseGraph  # the same, induced on the units in scope
    in_scope: set[str] = field(default_factory=set)
    #: Only what a comparison of headline figures reads (see :func:`.build.build_report`).
    brief: bool = False

    def unit(self, uid: str, **fields) -> dict:
        """A row for unit ``uid``: its id and name, then ``fields``."""
        u = self.district.unit.get(uid)
        return {"id": uid, "name": u.name if u else "", **fields}

    def zone_name(self, zid: str) -> str:
        """The zone's name (its id when the store does not know it)."""
        z = self.district.zone.get(zid)
        return z.name if z else zid

    def counts(self) -> dict[str, dict]:
        """Activities taken part in, hosted and attended per unit (once per window)."""
        d = self.district
        return d.shared("activity_counts", lambda: act.activity_counts(d.incidence, d.window))

    def groups(self, *kinds: str) -> dict[str, list[str]]:
        """Zones of ``kinds`` that hold a unit in scope."""
        groups = self.district.zone_groups(*kinds)
        return {z: us for z, us in groups.items() if any(u in self.in_scope for u in us)}


#: The options the explanations describe.
DEFAULT_OPTIONS = ReportOptions()
