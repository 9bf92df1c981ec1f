"""Words for every figure: the glossary, the "?" beside figures, the help page, labels not codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from service.glossary import catalogue, kind_label
from service.views.pages import HEADLINES
from translations import EN

SERVICE = Path(__file__).resolve().parents[2] / "service"
HELP_CALL = re.compile(r"""(?:help|help_mark)\(\s*["'](\w+)["']\s*\)""")


def test_every_headline_figure_has_a_glossary_entry():
    """Each dashboard headline names a term of the catalogue."""
    assert {key for key, _, _ in HEADLINES} <= set(catalogue())


def test_every_help_a_template_asks_for_exists():
    """No template opens a "?" for a term the catalogue lacks."""
    asked = {
        k
        for f in (SERVICE / "templates").rglob("*.html")
        for k in HELP_CALL.findall(f.read_text("utf-8"))
    }
    assert asked and asked <= set(catalogue())


def test_every_rule_indicator_is_explained():
    """Each assessment indicator has its own entry (the rule's "?" shows it)."""
    from graphmodel.assessment import INDICATORS

    assert set(INDICATORS) <= set(catalogue())


def test_the_dashboard_has_a_help_control_per_headline(client):
    """Each headline figure carries a <details> "?" naming its term, with the window and direction."""
    page = client.get("/").get_data(as_text=True)
    for key, _, _ in HEADLINES:
        block = re.search(rf'data-metric="{key}".*?</div>', page, re.S).group(0)
        assert f'data-term="{key}"' in block and "help-window" in block and "help-better" in block


def test_density_is_said_as_a_percentage(client):
    """The density headline reads like "2.45 %", never as a bare fraction."""
    page = client.get("/").get_data(as_text=True)
    value = re.search(r'data-metric="density">\s*<span class="value">([^<]+)<', page).group(1)
    assert re.fullmatch(r"\d+\.\d\d %", value.strip())


def test_the_previous_window_is_labelled(client):
    """The trend under a headline names the previous window beside its value."""
    page = client.get("/?lang=en").get_data(as_text=True)
    trend = re.search(
        r'data-metric="ties".*?<span class="trend[^"]*"[^>]*>(.*?)</span>', page, re.S
    )
    assert "previous window" in trend.group(1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_help_page_lists_every_term(client, lang):
    """/help/metrics has an anchor and a definition for every term, in both languages."""
    page = client.get(f"/help/metrics?lang={lang}").get_data(as_text=True)
    for key, term in catalogue().items():
        assert f'id="term-{key}"' in page
        assert (term.zh if lang == "zh" else term.en) in page


def test_the_navigation_links_the_help_page(client):
    """Every page's navigation leads to 指标说明."""
    assert 'href="/help/metrics"' in client.get("/zones").get_data(as_text=True)


def test_english_pages_show_kind_labels_not_codes(client):
    """The English dashboard says "social organisation"-style labels, never a stored code."""
    page = client.get("/?lang=en").get_data(as_text=True)
    table = re.search(r'id="units-by-kind".*?</table>', page, re.S).group(0)
    assert "government organ" in table and ">government<" not in table


def test_kind_labels_cover_every_kind():
    """Every unit kind has an English label other than its code where the code is not a word."""
    assert kind_label("social_org", "en") == "social organisation"
    assert kind_label("collaboration_zone", "en") == "collaboration zone"


def test_the_dashboard_shows_no_table_names_or_store(client, loaded_store):
    """Planners see "Party organisations", not party_orgs, and never the store URL."""
    page = client.get("/?lang=en").get_data(as_text=True)
    assert ">party_orgs<" not in page and "sqlite://" not in page
    assert "Party organisations" in page


def test_the_admin_sees_the_store_on_the_users_page(client):
    """The store URL is shown on an admin page only."""
    assert "sqlite://" in client.get("/admin/users").get_data(as_text=True)


PROCESS = re.compile(r"议题\s*\d|issue\s*#?\d", re.I)


@pytest.mark.parametrize(
    "path",
    [
        "../graphmodel/assessment/default_rules.toml",
        "glossary.toml",
        *(str(p.relative_to(SERVICE)) for p in (SERVICE / "templates").glob("*.html")),
    ],
)
def test_shipped_files_never_name_the_projects_process(path):
    """Rules, glossary and templates say "a published example", never "issue 8"."""
    assert PROCESS.search((SERVICE / path).read_text("utf-8")) is None


def test_translations_never_name_the_projects_process():
    """No interface text, Chinese or English, names an issue."""
    assert [t for pair in EN.items() for t in pair if PROCESS.search(t)] == []


@pytest.mark.parametrize("role", ["viewer", "street", "district"])
def test_every_role_sees_thresholds_and_sources(client_as, role):
    """The assessment shows each rule's thresholds and source to every role that sees units."""
    page = client_as(role).get("/assessment").get_data(as_text=True)
    rules = re.search(r'id="rules-in-force".*?</table>', page, re.S).group(0)
    assert "≥ 95.0 %" in rules and "已公开的考核办法示例" in rules
    assert 'class="threshold"' in page


def test_the_health_card_shows_thresholds_and_sources(client_as):
    """A unit's health card gives, per rule, the value, both thresholds and the source."""
    page = client_as("viewer").get("/units/U1").get_data(as_text=True)
    row = re.search(r'<tr data-rule="dual_registration">.*?</tr>', page, re.S).group(0)
    assert "≥ 95.0 %" in row and "≥ 90.0 %" in row and "已公开的考核办法示例" in row


def test_scores_are_rounded_to_one_decimal(client):
    """No score on the assessment page carries more than one decimal."""
    page = client.get("/assessment").get_data(as_text=True)
    table = re.search(r'id="assessment-table".*?</table>', page, re.S).group(0)
    scores = re.findall(r'data-value="[^"]*">([^<]+?) ', table)
    assert scores and all(re.fullmatch(r"\d+\.\d|—", s.strip()) for s in scores)


def test_the_network_page_names_kinds_in_english(client):
    """The English network page names kinds by label ("government organ"), never by code."""
    page = client.get("/network?lang=en").get_data(as_text=True)
    assert "government organ" in page
