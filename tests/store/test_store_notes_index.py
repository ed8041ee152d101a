"""Full-text search over a notes folder that changes between refreshes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlite_utils import Database

from companion.paths import resources_dir
from companion.store.notes_index import NotesIndex, fts_query


def _write(path: Path, text: str, *, bump: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if bump:  # make an edit visible even on filesystems with coarse mtimes
        st = path.stat()
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + bump * 1_000_000_000))


def test_index_follows_additions_edits_and_deletions(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    _write(folder / "faq.md", "# Refunds\nCard refunds take three to five working days.\n")
    _write(folder / "team" / "who.md", "# Who knows what\nAisha knows routers.\n")
    index = NotesIndex(db, folder)

    first = index.refresh()
    assert (first.added, first.updated, first.removed) == (2, 0, 0)
    hits = index.search("refund", limit=5)
    assert [h.path for h in hits] == ["faq.md"]
    assert "[refunds]" in hits[0].snippet.lower()
    assert hits[0].source == "note-file:faq.md"

    unchanged = index.refresh()
    assert unchanged.added == 0  # nothing changed: nothing re-read
    assert (unchanged.updated, unchanged.removed) == (0, 0)

    _write(folder / "faq.md", "# Refunds\nBank transfers take up to ten days.\n", bump=5)
    _write(folder / "escalation.md", "# Escalation\nLegal threats go to the complaints desk.\n")
    (folder / "team" / "who.md").unlink()
    second = index.refresh()
    assert (second.added, second.updated, second.removed) == (1, 1, 1)

    assert index.search("working days") == []
    assert [h.path for h in index.search("bank transfer")] == ["faq.md"]
    assert index.search("Aisha") == []
    assert [h.path for h in index.search("complaints desk")] == ["escalation.md"]
    assert [h.path for h in index.search("compl")] == ["escalation.md"]  # prefix while typing


def test_front_matter_is_indexed_and_broken_yaml_reported(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    _write(
        folder / "acme.md",
        "---\ncustomer_id: A-9\nphones: ['555 010 7788']\n"
        "tags: [vip, logistics]\n---\n# Acme\nDeliveries before 8.\n",
    )
    _write(folder / "broken.md", "---\ncustomer_id: [unclosed\n---\nStill searchable text.\n")
    index = NotesIndex(db, folder)

    result = index.refresh()

    assert result.added == 2
    assert len(result.problems) == 1 and result.problems[0].startswith("broken.md:")
    assert "\n" not in result.problems[0]
    assert [h.path for h in index.search("searchable")] == ["broken.md"]
    assert [h.path for h in index.search("logistics")] == ["acme.md"]  # tags are searchable
    assert [h.path for h in index.for_caller("A-9", [])] == ["acme.md"]
    assert [h.path for h in index.for_caller(None, ["550107788"])] == ["acme.md"]


def test_moving_the_notes_folder_reindexes(db: Database, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    _write(one / "a.md", "alpha note")
    _write(two / "b.md", "beta note")
    NotesIndex(db, one).refresh()

    result = NotesIndex(db, two).refresh()

    assert (result.added, result.removed) == (1, 1)
    assert [h.path for h in NotesIndex(db, two).search("note")] == ["b.md"]


def test_same_file_name_in_a_new_folder_is_reread(db: Database, tmp_path: Path) -> None:
    # Same relative path, size and mtime: only the folder tells the two files apart.
    one, two = tmp_path / "one", tmp_path / "two"
    _write(one / "a.md", "alpha note")
    _write(two / "a.md", "gamma note")
    st = (one / "a.md").stat()
    os.utime(two / "a.md", ns=(st.st_atime_ns, st.st_mtime_ns))
    NotesIndex(db, one).refresh()

    result = NotesIndex(db, two).refresh()

    assert (result.added, result.updated, result.removed) == (0, 1, 0)
    assert NotesIndex(db, two).search("alpha") == []
    assert [h.path for h in NotesIndex(db, two).search("gamma")] == ["a.md"]


def test_shipped_demo_notes_are_searchable(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    shutil.copytree(resources_dir() / "demo" / "notes", folder)
    index = NotesIndex(db, folder)

    result = index.refresh()

    assert result.added >= 3 and result.problems == []
    assert any(h.path == "escalation-contacts.md" for h in index.search("legal action"))
    assert [h.path for h in index.for_caller("C-1042", [])] == ["customers/jane-morgan.md"]


def test_queries_are_safe_for_fts() -> None:
    assert fts_query('refund "policy" AND (x') == '"refund" "policy" "AND" "x"*'
    assert fts_query("  ?!  ") is None
