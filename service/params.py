"""Reading the analysis window and scope from a request, and the user's territory.

The default window ends at the store's **data date** (its latest activity, never
after today), so that a ledger of last year opened today shows last year.

Every figure is computed on the whole district; a street planner's territory only
decides which units are listed (:attr:`Analysis.scope` admits their streets' units)
and what is said of the units of other streets they meet (see ``service.territory``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Flask, g, request

from graphmodel import limits
from graphmodel.district import District, snapshot
from graphmodel.errors import BadScope, CobuildError
from graphmodel.limits import DEFAULT_MONTHS
from graphmodel.records import ZoneKind
from graphmodel.window import Scope, Window, add_months, parse_scope, parse_window

from .access import territory_streets
from .extensions import store, today
from .territory import redact

#: The request arguments that make the window and the filters (kept by every link).
WINDOW_ARGS = ("end", "months", "street", "zone", "kind")
#: Data older than this many months before today is called old on every page.
OLD_AFTER_MONTHS = 3


@dataclass(frozen=True)
class DataDate:
    """The store's data date against today: what every page header says."""

    date: dt.date | None
    today: dt.date

    @property
    def old(self) -> bool:
        """Whether the data end more than three months before today."""
        return self.date is not None and self.date < add_months(self.today, -OLD_AFTER_MONTHS)


def data_date() -> DataDate:
    """The store's data date (the day of its latest activity up to today), once per request."""
    if "data_date" not in g:
        now = today()
        g.data_date = DataDate(store().last_activity(now), now)
    return g.data_date


@dataclass(frozen=True)
class Analysis:
    """What a data view analyses: a window and a scope, and who looks at it.

    ``scope`` admits the units the user may see (a street planner's streets);
    ``territory`` is that user's streets (None: the whole district).
    """

    window: Window
    scope: Scope
    territory: frozenset[str] | None = None

    def district(self) -> District:
        """The cached snapshot of the store for this window, seen through the scope."""
        return snapshot(store(), self.window, self.scope)

    def streets(self) -> list:
        """The street zones this user may choose among, in id order."""
        territory = self.territory
        return sorted(
            (
                z
                for z in self.district().zones
                if z.kind == ZoneKind.STREET.value and (territory is None or z.id in territory)
            ),
            key=lambda z: z.id,
        )

    def shown(self, value):
        """``value`` as this user may see it: other streets' units by name, kind and
        street only (see :func:`service.territory.redact`)."""
        return redact(value, self.district(), self.territory)

    def query(self) -> dict[str, str | list[str]]:
        """The request arguments that reproduce this analysis (for links)."""
        return window_args()


def window_args() -> dict[str, str | list[str]]:
    """The window and filter arguments of the current request, to carry into links
    (a repeated argument as a list, for ``url_for``)."""
    found: dict[str, str | list[str]] = {}
    for name in WINDOW_ARGS:
        values = [v for v in request.args.getlist(name) if v]
        if values:
            found[name] = values[0] if len(values) == 1 else values
    return found


def territory_scope(requested: Scope, territory: frozenset[str] | None) -> Scope:
    """The scope a user may see: ``requested`` within their territory.

    A street planner without a street or zone filter sees their streets' units, with
    the same figures as a district planner filtering those streets.
    """
    if territory is None:
        return requested
    outside = sorted(requested.streets - territory)
    if outside:
        # Said as for a street that does not exist: nothing of other streets is confirmed.
        raise BadScope(
            "范围中的街道或协作区不存在：{outside}",
            outside=outside,
        )
    return dataclasses.replace(requested, territory=territory)


def analysis() -> Analysis:
    """The window (``end``, ``months``) and scope (``street``, ``zone``, ``kind``,
    each repeatable) a request asks for; a street planner's territory narrows the scope."""
    args = request.args
    end = args.get("end") or data_date().date or today()
    window = parse_window(end, args.get("months") or DEFAULT_MONTHS, today=today())
    items = [
        f"{name}:{value}"
        for name in ("street", "zone", "kind")
        for value in args.getlist(name)
        if value
    ]
    territory = territory_streets()
    territory = frozenset(territory) if territory is not None else None
    found = Analysis(window, territory_scope(parse_scope(items), territory), territory)
    g.window_read = True  # the links of this page may carry the window on
    return found


def keep_args(**changes) -> dict:
    """The current window and filters, with ``changes`` (None drops one): for
    ``url_for(endpoint, **keep_args())`` in every navigation and export link."""
    # A window that could not be read (a 400 page) is not carried into the next page.
    args = {**(window_args() if g.get("window_read") else {}), **changes}
    return {k: v for k, v in args.items() if v is not None}


def language_url(lang: str) -> str:
    """This very page in ``lang``: every argument of the request kept."""
    args = request.args.to_dict(flat=False)
    args["lang"] = [lang]
    return request.script_root + request.path + "?" + urlencode(args, doseq=True)


def data_as_of() -> DataDate | None:
    """The data date for the page header (None when no one is signed in or the
    store does not answer: the header then says nothing rather than fail the page)."""
    if g.get("user") is None:
        return None
    try:
        return data_date()
    except CobuildError:
        return None


def init_app(app: Flask) -> None:
    """Offer the link and header helpers, and the limits of the forms, to every template."""
    app.jinja_env.globals.update(
        keep_args=keep_args, language_url=language_url, data_as_of=data_as_of, limits=limits
    )
