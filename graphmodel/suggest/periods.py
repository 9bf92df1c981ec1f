"""One split of a district's history: the district as it stood, and the partnerships that followed.

:func:`period` hides everything after a split date and builds the district as it
stood on that day (the window of ``months`` before it); its truth is the pairs
whose *first* joint activity (of at most
:data:`~graphmodel.projection.GATHERING_SIZE` units) lies in the ``horizon``
months after it. :mod:`.backtest` measures rankings on it, :mod:`.learn` draws
its training pairs from earlier ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from ..district import District
from ..errors import BadSuggestionRequest
from ..projection import GATHERING_SIZE, project
from ..store import Bundle
from ..window import Window, add_months
from .features import Features, district_features
from .scoring import candidates

__all__ = ["Period", "period", "records"]


def _neighbours(matrix, row: int) -> np.ndarray:
    return matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]


@dataclass(frozen=True, eq=False)
class Period:
    """One split of the history: the district as it stood on ``split`` (its
    window's features), the pairs that had met before it, and the truth."""

    split: dt.date
    test_end: dt.date
    features: Features
    history: object  # sparse: pairs that met at any time up to the split
    truth: dict[int, set[int]]

    def candidates(self, row: int) -> np.ndarray:
        """Rows a method may rank for ``row``: never met it before the split."""
        mask = candidates(self.features, row)
        mask[_neighbours(self.history, row)] = False
        return np.flatnonzero(mask)


def records(data: Bundle | District) -> tuple[Bundle, District | None]:
    """The records of ``data`` as a bundle, and the snapshot when ``data`` is one
    (its incidence is cut for each period instead of being built again)."""
    if not isinstance(data, District):
        return data, None
    bundle = Bundle(
        zones=data.zones,
        units=data.units,
        party_orgs=data.party_orgs,
        members=data.members,
        agreements=data.agreements,
        activities=data.activities,
        participations=data.participations,
    )
    return bundle, data


def period(
    bundle: Bundle,
    split: dt.date,
    months: int = 12,
    horizon: int = 6,
    *,
    whole: District | None = None,
) -> Period:
    """The :class:`Period` of ``bundle`` split on ``split``: truth = pairs whose
    first joint activity (of at most a gathering's size) lies in the ``horizon``
    months after it. ``whole``, a snapshot of the same records, lends its
    incidence (cut at the period's end) so that it is not built again."""
    if not 1 <= horizon <= 60:
        raise BadSuggestionRequest("检验期须为 1 至 60 个月，而不是 {horizon}", horizon=horizon)
    test_end = add_months(split + dt.timedelta(days=1), horizon) - dt.timedelta(days=1)
    after = District.from_bundle(bundle, Window(test_end, months))
    if whole is not None and whole.window.end >= test_end:
        after._memo["incidence"] = whole.incidence.between(None, test_end)
    before = District.from_bundle(bundle, Window(split, months))
    # The same units, and every activity up to the split: no need to build it twice
    # (``incidence`` is a property reading the memo, so the memo is where it goes).
    before._memo["incidence"] = after.incidence.between(None, split)
    history = project(after.incidence.between(None, split), max_size=GATHERING_SIZE).weight
    future = project(
        after.incidence.between(split + dt.timedelta(days=1), test_end), max_size=GATHERING_SIZE
    ).weight
    F = district_features(before)
    truth: dict[int, set[int]] = {}
    for row in range(len(F)):
        new = set(_neighbours(future, row).tolist()) - set(_neighbours(history, row).tolist())
        if new:
            truth[row] = new
    return Period(split, test_end, F, history, truth)
