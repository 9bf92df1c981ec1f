"""The web service: ``create_app`` builds a Flask app around one store."""

from __future__ import annotations

from flask import Flask

from graphmodel.store import Store, open_store

from . import errors, i18n
from .settings import Settings


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> Flask:
    """Build the app; the store is opened from ``settings.store`` unless given."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.signing_key(),
        MAX_CONTENT_LENGTH=settings.max_upload_mb * 2**20,
        COBUILD_LANGUAGE=settings.language,
        JSON_AS_ASCII=False,
    )
    app.extensions["cobuild.settings"] = settings
    app.extensions["cobuild.store"] = store or open_store(settings.store)
    i18n.init_app(app)
    errors.init_app(app)

    from .views import health, imports, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(health.bp)
    return app
