"""Reading the analysis window and scope from a request, within the user's territory."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from flask import request

from graphmodel.district import District, snapshot
from graphmodel.records import ZoneKind
from graphmodel.window import Scope, Window, parse_scope, parse_window

from .access import territory_streets
from .extensions import store, today


@dataclass(frozen=True)
class Analysis:
    """What a data view analyses: a window and a scope (territory already applied)."""

    window: Window
    scope: Scope

    def district(self) -> District:
        """The cached snapshot of the store for this window and scope."""
        return snapshot(store(), self.window, self.scope)

    def streets(self) -> list:
        """The street zones this user may choose among, in id order."""
        territory = self.scope.territory
        return sorted(
            (
                z
                for z in self.district().zones
                if z.kind == ZoneKind.STREET.value and (territory is None or z.id in territory)
            ),
            key=lambda z: z.id,
        )

    def query(self) -> dict[str, str]:
        """The request arguments that reproduce this analysis (for links)."""
        keep = ("end", "months", "street", "zone", "kind")
        return {k: v for k, v in request.args.items() if k in keep and v}


def analysis() -> Analysis:
    """The window (``end``, ``months``) and scope (``street``, ``zone``, ``kind``,
    each repeatable) a request asks for; a street planner's territory narrows it."""
    args = request.args
    window = parse_window(args.get("end") or None, args.get("months") or 12, today=today())
    items = [
        f"{name}:{value}"
        for name in ("street", "zone", "kind")
        for value in args.getlist(name)
        if value
    ]
    scope = parse_scope(items)
    territory = territory_streets()
    if territory is not None:
        scope = dataclasses.replace(scope, territory=frozenset(territory))
    return Analysis(window, scope)
