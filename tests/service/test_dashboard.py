"""The first page: what the store holds, in Chinese by default and in English."""

from __future__ import annotations

from graphmodel.errors import StoreUnavailable
from service import create_app
from service.settings import Settings


def test_dashboard_shows_counts_by_kind_and_street(client):
    """Units are counted by kind and by street, in Chinese."""
    page = client.get("/").get_data(as_text=True)
    assert '<span class="value">4</span><span class="label">单位</span>' in page
    assert '<td>机关</td><td class="num">2</td>' in page
    assert '<td>清河街道</td><td class="num">2</td>' in page


def test_dashboard_shows_the_last_import(client):
    """The last import's source and counts are on the page."""
    page = client.get("/").get_data(as_text=True)
    assert "small.xlsx" in page and "participations" in page


def test_language_switch_shows_english_and_remembers_it(client):
    """?lang=en shows English and sets a cookie for the next page."""
    response = client.get("/?lang=en")
    assert "Units by kind" in response.get_data(as_text=True)
    assert "lang=en" in response.headers["Set-Cookie"]
    assert "Units by kind" in client.get("/").get_data(as_text=True)


def test_store_password_never_appears_on_the_page(loaded_store, accounts_path, signed_in):
    """A store URL's password is redacted on screen."""
    settings = Settings(store="bolt://neo4j:s3cret-pw@127.0.0.1:1", accounts=accounts_path)
    app = create_app(settings, store=loaded_store)
    loaded_store.url = "bolt://neo4j:s3cret-pw@127.0.0.1:1"
    page = signed_in(app).get("/")
    assert page.status_code == 200 and "s3cret-pw" not in page.get_data(as_text=True)


class _DownStore:
    url = "bolt://127.0.0.1:1"

    def ping(self):
        raise StoreUnavailable("不可用")

    def units(self):
        raise StoreUnavailable("不可用")

    def version(self):
        raise StoreUnavailable("不可用")

    def last_activity(self, until):
        raise StoreUnavailable("不可用")


def test_an_unreachable_store_gives_a_readable_503(accounts_path, signed_in):
    """When the store is down, pages answer 503 with a sentence, and /healthz too."""
    app = create_app(Settings(secret_key="t", accounts=accounts_path), store=_DownStore())
    client = signed_in(app)
    page = client.get("/")
    assert page.status_code == 503
    assert "数据存储暂时无法访问" in page.get_data(as_text=True)
    health = client.get("/healthz", headers={"Accept": "application/json"})
    assert health.status_code == 503 and health.json["error"]["code"] == "store_unavailable"


def test_the_dashboard_content_is_rendered_once_per_language(client):
    """Asked again, the dashboard's content is not rendered again; English gets its own."""
    from flask import template_rendered

    rendered = []

    def note(sender, template, context, **extra):
        rendered.append(template.name)

    template_rendered.connect(note)
    try:
        for path in ("/", "/", "/?lang=en", "/?lang=en"):
            assert client.get(path).status_code == 200
    finally:
        template_rendered.disconnect(note)
    assert rendered.count("_dashboard_body.html") == 2 and rendered.count("dashboard.html") == 4
