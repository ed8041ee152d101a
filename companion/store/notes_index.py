"""The local notes folder, indexed for search during a call and matched to callers before one.

Agents and teams keep Markdown files in one folder (setting `notes.folder`, default `notes` in
the data folder): per customer or account, with YAML front matter

    ---
    customer_id: C-1042
    phones: ["+44 20 7946 0958"]
    tags: [billing, vip]
    ---

and general ones (escalation contacts, who knows what, product FAQs) without it. The files are
the truth; the index (`note_files` + FTS5 `note_fts` in the app database) is a cache that
`refresh()` brings up to date by comparing each file's mtime and size, so it is cheap enough to
call before every prep and search. A file whose front matter is broken is still indexed as text
and reported in `RefreshResult.problems` (one line each).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
from sqlite_utils import Database

from companion.store.phones import phone_key

log = logging.getLogger(__name__)
_QUERY_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class NoteHit:
    path: str  # relative to the notes folder, with '/' separators
    title: str
    snippet: str

    @property
    def source(self) -> str:
        return f"note-file:{self.path}"


@dataclass
class RefreshResult:
    added: int = 0
    updated: int = 0
    removed: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Parsed:
    title: str
    body: str
    customer_id: str
    phone_keys: tuple[str, ...]
    tags: tuple[str, ...]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def _parse(path: Path, rel: str, problems: list[str]) -> _Parsed:
    text = path.read_text(encoding="utf-8", errors="replace")
    meta: dict[str, Any] = {}
    body = text
    try:
        post = frontmatter.loads(text)
        meta, body = dict(post.metadata), post.content
    except Exception as exc:  # any YAML error: index the file as plain text
        problems.append(
            f"{rel}: front matter is not valid YAML ({type(exc).__name__}); "
            "indexed as plain text — fix the lines between '---'"
        )
    heading = next((ln.lstrip("# ").strip() for ln in body.splitlines() if ln.startswith("#")), "")
    title = str(meta.get("title") or heading or Path(rel).stem.replace("-", " "))
    phones = _as_list(meta.get("phones")) + _as_list(meta.get("phone"))
    keys = tuple(k for k in (phone_key(p) for p in phones) if k)
    customer = str(meta.get("customer_id") or meta.get("account") or "")
    return _Parsed(title, body, customer, keys, tuple(_as_list(meta.get("tags"))))


def fts_query(text: str) -> str | None:
    """Free text → an FTS5 query: every word must appear; the last may be a prefix."""
    words = _QUERY_WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


class NotesIndex:
    """The index of one notes folder inside one database connection (one per thread)."""

    def __init__(self, db: Database, folder: Path) -> None:
        self.db = db
        self.folder = folder

    def _files(self) -> Iterable[tuple[str, Path]]:
        if not self.folder.is_dir():
            return []
        return sorted(
            (p.relative_to(self.folder).as_posix(), p)
            for p in self.folder.rglob("*.md")
            if p.is_file() and not any(part.startswith(".") for part in p.parts)
        )

    def refresh(self) -> RefreshResult:
        """Re-index files that were added, changed or deleted since the last refresh."""
        result = RefreshResult()
        folder = str(self.folder.resolve()) if self.folder.exists() else str(self.folder)
        known = {
            row["path"]: (row["mtime_ns"], row["size"], row["folder"])
            for row in self.db.query("SELECT path, mtime_ns, size, folder FROM note_files")
        }
        seen: set[str] = set()
        with self.db.atomic():
            for rel, path in self._files():
                try:
                    st = path.stat()
                except OSError:
                    continue
                seen.add(rel)
                if known.get(rel) == (st.st_mtime_ns, st.st_size, folder):
                    continue
                try:
                    parsed = _parse(path, rel, result.problems)
                except OSError as exc:
                    result.problems.append(f"{rel}: cannot be read ({exc.strerror})")
                    continue
                self._write(rel, folder, st.st_mtime_ns, st.st_size, parsed)
                if rel in known:
                    result.updated += 1
                else:
                    result.added += 1
            for rel in set(known) - seen:
                self._delete(rel)
                result.removed += 1
        for problem in result.problems:
            log.warning("notes: %s", problem)
        return result

    def _delete(self, rel: str) -> None:
        self.db.execute("DELETE FROM note_files WHERE path = ?", [rel])
        self.db.execute("DELETE FROM note_fts WHERE path = ?", [rel])

    def _write(self, rel: str, folder: str, mtime_ns: int, size: int, parsed: _Parsed) -> None:
        self._delete(rel)
        self.db.execute(
            "INSERT INTO note_files (path, folder, mtime_ns, size, title, customer_id, "
            "phone_keys, tags) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                rel,
                folder,
                mtime_ns,
                size,
                parsed.title,
                parsed.customer_id,
                " ".join(parsed.phone_keys),
                " ".join(parsed.tags),
            ],
        )
        self.db.execute(
            "INSERT INTO note_fts (path, title, body, tags) VALUES (?, ?, ?, ?)",
            [rel, parsed.title, parsed.body, " ".join(parsed.tags)],
        )

    def search(self, query: str, limit: int = 10) -> list[NoteHit]:
        """Best matches for free text, each with a short snippet (`[…]` marks the hit)."""
        match = fts_query(query)
        if match is None:
            return []
        rows = self.db.query(
            "SELECT path, title, snippet(note_fts, 2, '[', ']', '…', 12) AS snip "
            "FROM note_fts WHERE note_fts MATCH ? ORDER BY bm25(note_fts, 0, 5.0, 1.0, 2.0) "
            "LIMIT ?",
            [match, limit],
        )
        return [NoteHit(r["path"], r["title"], r["snip"]) for r in rows]

    def for_caller(self, customer_id: str | None, phone_keys: Iterable[str]) -> list[NoteHit]:
        """Customer/account notes whose front matter names this customer id or phone."""
        hits: dict[str, NoteHit] = {}
        if customer_id:
            for r in self.db.query(
                "SELECT path, title FROM note_files WHERE customer_id = ? ORDER BY path",
                [customer_id],
            ):
                hits[r["path"]] = NoteHit(r["path"], r["title"], "")
        for key in phone_keys:
            for r in self.db.query(
                "SELECT path, title FROM note_files WHERE ' ' || phone_keys || ' ' LIKE ? "
                "ORDER BY path",
                [f"% {key} %"],
            ):
                hits.setdefault(r["path"], NoteHit(r["path"], r["title"], ""))
        return list(hits.values())


def notes_folder(default: Path, configured: str) -> Path:
    """The notes folder: the `notes.folder` setting, else `default` (`AppPaths.notes`)."""
    return Path(configured).expanduser() if configured.strip() else default
