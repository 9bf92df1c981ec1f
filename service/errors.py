"""One place that turns errors into a JSON body (same keys everywhere) or a page."""

from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException

from graphmodel.errors import CobuildError


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_body(code: str, status: int, message_zh: str, message_en: str) -> dict:
    """The JSON shape of every error."""
    return {
        "error": {
            "code": code,
            "status": status,
            "message_zh": message_zh,
            "message_en": message_en,
        }
    }


def init_app(app: Flask) -> None:
    @app.errorhandler(CobuildError)
    def domain_error(exc: CobuildError):
        status = exc.http_status
        if wants_json():
            return error_body(exc.code, status, exc.message_zh, exc.message_en), status
        return render_template("error.html", status=status, error=exc), status

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        status = exc.code or 500
        # Keep the exception's own headers (e.g. Allow on a 405), not its content type.
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        if wants_json():
            code = exc.name.lower().replace(" ", "_")
            body = error_body(code, status, exc.name, exc.description or exc.name)
            return body, status, headers
        return render_template("error.html", status=status, error=exc), status, headers
