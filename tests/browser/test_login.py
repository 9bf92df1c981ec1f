"""Signing in and out in Chromium, under the service's CSP."""

from __future__ import annotations


def test_an_anonymous_visit_leads_to_the_login_form_and_back(anonymous_page, live):
    """Asking for a page without a session shows the login form, then that page."""
    page = anonymous_page.page
    page.goto(live.url + "/zones")
    assert "/login?next=" in page.url
    page.fill("#login-form input[name=name]", "admin")
    page.fill("#login-form input[name=password]", "browser-tests-password")
    page.click("#login-form button[type=submit]")
    page.wait_for_url(live.url + "/zones")
    assert page.locator("#signed-in-as").inner_text() == "admin"
    anonymous_page.screenshot("signed-in")


def test_a_wrong_password_shows_a_sentence(anonymous_page, live):
    """A wrong password keeps the form and says so."""
    anonymous_page.expected.append("status of 401")
    page = anonymous_page.page
    page.goto(live.url + "/login")
    page.fill("#login-form input[name=name]", "admin")
    page.fill("#login-form input[name=password]", "not the password")
    page.click("#login-form button[type=submit]")
    assert page.locator("#login-error").inner_text() == "用户名或密码错误"
    anonymous_page.screenshot("login-refused")


def test_logout_ends_the_session(page, live):
    """The header's logout button signs out; the dashboard then asks to sign in again."""
    page.page.goto(live.url + "/")
    page.page.click("#logout")
    page.page.wait_for_url(lambda url: "/login" in url)
    page.page.goto(live.url + "/")
    assert "/login" in page.page.url
