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
import scipy.sparse as sp

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

    def shut_out(self, row: int) -> np.ndarray:
        """The rows that are not :meth:`candidates` of ``row`` (itself and those it
        met), a few where the candidates are nearly every unit."""
        met = (self.features.neighbours(row), _neighbours(self.history, row))
        return np.concatenate([[row], *met]).astype(np.int64)


def records(data: Bundle | District) -> tuple[Bundle, District | None]:
    """The records of ``data`` as a bundle, and the snapshot when ``data`` is one
    (its incidence is cut for each period instead of being built again). A
    snapshot's bundle leaves the participations out: :func:`period` reads them
    from the snapshot (turning a city's million back into records took seconds)."""
    if not isinstance(data, District):
        return data, None
    bundle = data.records_bundle()
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
    participations and incidence (cut at the period's end) so that they are not
    built again; it must hold every activity of ``bundle``."""
    if not 1 <= horizon <= 60:
        raise BadSuggestionRequest("检验期须为 1 至 60 个月，而不是 {horizon}", horizon=horizon)
    test_end = add_months(split + dt.timedelta(days=1), horizon) - dt.timedelta(days=1)
    # The records as they stood at the split, cut from a snapshot up to the test's end:
    # participations and incidence are not built again.
    if whole is not None:
        upto_end = whole.incidence.between(None, test_end)
        before = whole.earlier(Window(split, months), upto_end.between(None, split))
    else:
        later = District.from_bundle(bundle, Window(test_end, months))
        upto_end = later.incidence
        before = later.earlier(Window(split, months))
    history = project(before.incidence, max_size=GATHERING_SIZE).weight
    future = project(
        upto_end.between(split + dt.timedelta(days=1), test_end), max_size=GATHERING_SIZE
    ).weight
    F = district_features(before, like=None if whole is None else district_features(whole))
    return Period(split, test_end, F, history, _first_met(future, history))


def _pattern(matrix) -> sp.csr_array:
    """1 wherever ``matrix`` stores an entry."""
    return sp.csr_array(
        (np.ones(len(matrix.indices)), matrix.indices, matrix.indptr), shape=matrix.shape
    )


def _first_met(future, history) -> dict[int, set[int]]:
    """Per row, the columns with an entry in ``future`` and none in ``history``."""
    met = _pattern(future)
    new = met - met.multiply(_pattern(history))
    new.eliminate_zeros()
    return {
        row: set(_neighbours(new, row).tolist())
        for row in np.flatnonzero(np.diff(new.indptr)).tolist()
    }
