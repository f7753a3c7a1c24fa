"""Navigation in Debian's Chromium: four tabs at the bottom of a phone, one header row on a
desktop, the rest under More (the desk too, for staff), and a focus ring you can see."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABS = ["Today", "Interviews", "Contacts", "More"]


def logged_in(browser, base, user, viewport, theme="light"):
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=viewport, color_scheme=theme)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    return context, context.new_page()


def tab_names(page) -> list[str]:
    return [name.strip() for name in page.locator("nav[aria-label=Main] a").all_inner_texts()]


def test_on_a_phone_four_tabs_sit_at_the_bottom_of_the_screen(live_server, browser, dana):
    context, page = logged_in(browser, live_server.url, dana, {"width": 390, "height": 844})
    page.goto(live_server.url + "/contacts/")
    assert tab_names(page) == TABS
    nav = page.locator("nav[aria-label=Main]").bounding_box()
    assert nav["y"] + nav["height"] == 844 and nav["width"] == 390  # pinned to the bottom edge
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 60  # the brand alone: no rows of links
    assert page.get_by_role("link", name="Contacts").get_attribute("aria-current") == "page"
    for box in (page.locator(".tab").nth(i).bounding_box() for i in range(4)):
        assert box["height"] >= 44 and box["width"] >= 44  # a thumb finds each one
    page.get_by_role("link", name="More").click()
    for name in ["Reading list", "Calendar", "Mail", "Profile"]:
        assert page.get_by_role("link", name=name, exact=True).is_visible()
    assert page.get_by_role("link", name="Desk").count() == 0
    assert page.get_by_role("button", name="Log out").is_visible()
    context.close()


def test_on_a_desktop_the_navigation_is_one_header_row(live_server, browser, dana):
    context, page = logged_in(browser, live_server.url, dana, {"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    assert tab_names(page) == TABS
    boxes = [page.locator(".tab").nth(i).bounding_box() for i in range(4)]
    boxes.append(page.get_by_role("button", name="Log out").bounding_box())
    boxes.append(page.locator(".brand").bounding_box())
    assert len({round(box["y"] + box["height"] / 2) for box in boxes}) == 1  # one row
    assert page.locator(".site-header").bounding_box()["height"] <= 60
    context.close()


def test_staff_find_the_desk_under_more_not_in_an_extra_row(live_server, browser, make_user):
    priya = make_user("priya", role="agency_staff", display_name="Priya Raman")
    context, page = logged_in(browser, live_server.url, priya, {"width": 390, "height": 844})
    page.goto(live_server.url + "/more/")
    assert tab_names(page) == TABS
    page.get_by_role("link", name="Desk").click()
    page.wait_for_url("**/desk/")
    assert page.get_by_role("link", name="More").get_attribute("aria-current") == "page"
    context.close()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_focus_is_visible_in_both_themes(live_server, browser, dana, theme):
    context, page = logged_in(browser, live_server.url, dana, {"width": 1280, "height": 900}, theme)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")  # the skip link first
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # shown when focused
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()")
    assert style[0] == "solid" and style[1] >= 2
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    dark = background != "rgb(244, 245, 248)"
    assert dark == (theme == "dark")
    context.close()
