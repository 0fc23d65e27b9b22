"""Saving the search on the search page and watching it, in one form."""

from __future__ import annotations

from conftest import World
from page_client import Browser

from core.models import Role, SavedSearch, Watch


def test_save_the_search_and_watch_its_deadlines(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    browser = Browser(world, editor)
    page = browser.get("/", params={"q": "cleaning", "status": "active"}).text
    assert 'action="/searches/save"' in page
    done = browser.post("/searches/save", {
        "name": "Cleaning contracts", "watch": "both", "shared": "1",
        "search": "q=cleaning&status=active"})
    assert done.status_code == 303 and done.headers["location"] == "/?q=cleaning&status=active"
    assert "Saved “Cleaning contracts” and watching it." in browser.get(
        done.headers["location"]).text
    with world.runtime.database.session() as session:
        saved = session.query(SavedSearch).one()
        assert (saved.name, saved.query, saved.shared) == ("Cleaning contracts", "cleaning", True)
        assert saved.filters == {"statuses": ["active"]}
        watch = session.query(Watch).filter_by(saved_search_id=saved.id).one()
        assert "match" in watch.event_kinds and "notice" in watch.event_kinds

    bad = browser.post("/searches/save", {"name": "Broken", "search": "q=%22unclosed"})
    assert bad.status_code == 303
    assert "Not saved" in browser.get("/").text
