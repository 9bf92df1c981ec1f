"""Chinese first, English too: the Flask side of the catalogue in :mod:`translations`.

A template writes ``{{ _("单位") }}``; in English it shows the catalogue's
translation. The request's language comes from ``?lang=``, then the cookie,
then the setting ``COBUILD_LANGUAGE``.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request

import translations
from translations import LANGUAGES


def language() -> str:
    """The current request's language: ``?lang=``, then the cookie, then the default."""
    if "lang" not in g:
        chosen = request.args.get("lang") or request.cookies.get("lang")
        g.lang = chosen if chosen in LANGUAGES else current_app.config["COBUILD_LANGUAGE"]
    return g.lang


def translate(text: str) -> str:
    """``text`` in the current language."""
    return translations.text(text, language())


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(_=translate, language=language)

    @app.after_request
    def remember_language(response):
        chosen = request.args.get("lang")
        if chosen in LANGUAGES:
            response.set_cookie("lang", chosen, max_age=365 * 24 * 3600, samesite="Lax")
        return response
