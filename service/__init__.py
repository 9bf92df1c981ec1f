"""The web service: ``create_app`` builds a Flask app around one store."""

from __future__ import annotations

from flask import Flask

from graphmodel import results
from graphmodel.store import Store, open_store

from . import access, assets, background, errors, formatting, glossary, i18n, params, security
from .accounts import Accounts
from .settings import Settings


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> Flask:
    """Build the app; the store is opened from ``settings.store`` unless given."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    accounts = Accounts(
        settings.accounts,
        max_failures=settings.login_failures,
        lockout=settings.lockout_minutes * 60,
    )
    app.config.update(
        SECRET_KEY=settings.secret_key or accounts.signing_key(),
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 2**20,
        COBUILD_LANGUAGE=settings.language,
        # Tests and benchmarks change these two on a running app.
        COBUILD_NODE_BUDGET=settings.node_budget,
        COBUILD_TODAY=settings.today,
    )
    app.json.ensure_ascii = False  # Chinese stays readable in JSON
    app.extensions["cobuild.settings"] = settings
    app.extensions["cobuild.store"] = store or open_store(settings.store)
    app.extensions["cobuild.accounts"] = accounts
    i18n.init_app(app)
    formatting.init_app(app)
    glossary.init_app(app)
    params.init_app(app)
    errors.init_app(app)
    access.init_app(app)  # first: who is signed in, and may they
    security.init_app(app, settings)  # then: CSRF, cookies, headers
    assets.init_app(app)  # static URLs versioned, kept by browsers

    from .views import (
        api,
        assessment,
        auth,
        exchange,
        guide,
        health,
        imports,
        listings,
        lists,
        network,
        pages,
        suggestions,
        units,
        zones,
    )

    blueprints = (
        pages,
        network,
        units,
        lists,
        zones,
        imports,
        api,
        health,
        auth,
        suggestions,
        assessment,
        exchange,
        guide,
        listings,
    )
    for blueprint in (module.bp for module in blueprints):
        app.register_blueprint(blueprint)
    # Last: a page of the analysis shows progress while its window is being computed.
    background.init_app(
        app,
        enabled=settings.background,
        wait=settings.wait_seconds,
        results_path=settings.results
        or str(results.default_path(app.extensions["cobuild.store"].url, settings.accounts)),
    )
    return app
