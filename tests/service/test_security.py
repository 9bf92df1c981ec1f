"""Headers, CSRF, upload limits, and templates that a strict CSP can run."""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest

from service import create_app
from service.security import CSP
from service.settings import Settings

TEMPLATES = Path(__file__).resolve().parents[2] / "service" / "templates"


@pytest.mark.parametrize("path", ["/", "/login", "/api/v1/stats", "/no-such-page", "/healthz"])
def test_every_response_carries_the_security_headers(client, path):
    """Pages, JSON, errors and health checks all carry the CSP and friends."""
    headers = client.get(path).headers
    assert headers["Content-Security-Policy"] == CSP
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cache-Control"] == "no-store"


def test_static_files_get_versioned_urls_that_browsers_may_keep(client):
    """The network page's scripts carry ?v=<content hash>; that URL may be cached a year."""
    html = client.get("/network").get_data(as_text=True)
    urls = re.findall(r'src="(/static/[^"]+)"', html)
    vendored = next(u for u in urls if "vis-network.min.js" in u)
    assert all(re.search(r"\?v=[0-9a-f]{12}$", u) for u in urls)
    with client.get(vendored) as response:
        headers = response.headers
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Security-Policy"] == CSP


def test_a_static_url_with_an_old_version_is_not_kept(client):
    """A stale ?v= still gets the file, but browsers must ask again next time."""
    with client.get("/static/js/network.js?v=000000000000") as response:
        assert response.status_code == 200
        assert "immutable" not in response.headers.get("Cache-Control", "")


def test_the_csp_allows_only_the_service_itself():
    """No inline script, no other origin, no framing."""
    assert "'unsafe-inline'" not in CSP and "'unsafe-eval'" not in CSP and "http" not in CSP
    assert "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP


def test_a_post_without_the_csrf_token_is_refused(app, signed_in, loaded_store):
    """A signed-in user's form post without the token: 400, and nothing is imported."""
    client = signed_in(app, "admin")
    del client.environ_base["HTTP_X_CSRF_TOKEN"]
    data = {"files": [(BytesIO(b"id,name,kind\nS9,x,street\n"), "zones.csv")]}
    response = client.post("/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 400 and "表单已过期" in response.get_data(as_text=True)
    assert loaded_store.counts()["zones"] == 3


def test_a_wrong_csrf_token_is_refused_in_json(app, signed_in):
    """Under /api/ the refusal is the JSON error shape."""
    client = signed_in(app, "admin")
    client.environ_base["HTTP_X_CSRF_TOKEN"] = "forged"
    response = client.post("/logout", headers={"Accept": "application/json"})
    assert response.status_code == 400 and response.json["error"]["code"] == "csrf_failed"


def test_the_login_form_needs_its_token_too(app):
    """Login CSRF: a sign-in posted from elsewhere (no token) is refused."""
    response = app.test_client().post("/login", data={"name": "x", "password": "y"})
    assert response.status_code == 400


def test_the_token_changes_at_sign_in(app):
    """The token seen before signing in is worthless afterwards."""
    app.extensions["cobuild.accounts"].add("sun", "district", password="correct horse battery")
    client = app.test_client()
    client.get("/login")
    with client.session_transaction() as session:
        before = session["csrf"]
    client.post(
        "/login", data={"name": "sun", "password": "correct horse battery", "csrf_token": before}
    )
    with client.session_transaction() as session:
        assert session["csrf"] != before


def test_pages_carry_the_token_for_scripts(client):
    """<meta name="csrf-token"> holds the session's token for static JS."""
    page = client.get("/").get_data(as_text=True)
    with client.session_transaction() as session:
        assert f'<meta name="csrf-token" content="{session["csrf"]}">' in page


def test_an_oversized_upload_gets_a_readable_413(loaded_store, accounts_path, signed_in):
    """Past COBUILD_MAX_UPLOAD_MB the answer is 413 with a sentence naming the limit."""
    settings = Settings(store=loaded_store.url, accounts=accounts_path, max_upload_mb=1)
    client = signed_in(create_app(settings, store=loaded_store))
    body = b"--b\r\nContent-Disposition: form-data; name=files; filename=zones.csv\r\n\r\n"
    body += b"x" * (2 * 2**20) + b"\r\n--b--\r\n"
    response = client.post("/import", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert "上传的文件超过 1 MB" in response.get_data(as_text=True)


def test_an_error_page_shows_no_exception_text(app, signed_in):
    """A crash shows a generic page: nothing of the exception (which may hold data)."""
    from service.access import requires

    @app.get("/crash")
    @requires("read")
    def crash():
        raise RuntimeError("member 张伟 13812345678")

    app.logger.disabled = True  # the traceback goes to the log; this test is about the page
    response = signed_in(app, "admin").get("/crash")
    page = response.get_data(as_text=True)
    assert response.status_code == 500 and "13812345678" not in page and "张伟" not in page


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_have_no_inline_script_or_style(template):
    """What a strict CSP would block: inline <script>, on…= handlers, style attributes."""
    text = (TEMPLATES / template).read_text("utf-8")
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", text) == []
    assert re.findall(r"\son[a-z]+\s*=", text) == []
    assert re.findall(r"\sstyle\s*=|<style", text) == []
