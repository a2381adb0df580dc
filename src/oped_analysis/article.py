"""The two containers everything else consumes: an :class:`Article` and a :class:`Corpus`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd

from . import clean as _clean
from .errors import InputError

METADATA_FIELDS = ("title", "author", "outlet", "published")


@dataclass(frozen=True)
class Article:
    """One article: its text as read, its body, what was cut and why, and metadata.

    ``body`` is ``raw`` without the ``removed`` spans ``(start, end, reason)``, so every
    character of ``raw`` is either in ``body`` or in a span with its reason.
    """

    id: str
    raw: str
    body: str
    removed: tuple[tuple[int, int, str], ...] = ()
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    source: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def from_text(cls, raw: str, id: str = "text", *, source: str | None = None,
                  clean: bool = True, **metadata) -> Article:
        """Build an article from page text, cutting furniture unless ``clean=False``.

        Keyword metadata (``title``, ``author``, ``outlet``, ``published``) given here wins
        over what the furniture says; other keywords land in ``extra``.
        """
        return cls.prepare(raw, id, source=source, clean=clean, **metadata).article()

    @classmethod
    def prepare(cls, raw: str, id: str = "text", *, source: str | None = None,
                clean: bool = True, **metadata) -> RawArticle:
        """:meth:`from_text` up to the cleaning: the text and metadata checked (an
        :class:`~oped_analysis.errors.InputError` names what is wrong), the furniture not yet
        cut. The pipeline's workers do the cutting (:meth:`RawArticle.article`), so the process
        that reads the files stays light."""
        if not isinstance(raw, str):
            raise InputError(f"{source or id}: article text must be a string, not {type(raw).__name__}")
        given = {k: v for k, v in metadata.items() if v is not None and v == v and v != ""}
        if isinstance(given.get("published"), str):
            text = given["published"]
            given["published"] = _clean.parse_date(text) or _parse_iso(text, source or id)
        elif isinstance(given.get("published"), (pd.Timestamp, dt.datetime)):
            given["published"] = given["published"].date()
        return RawArticle(str(id), raw.replace("\r\n", "\n").replace("\r", "\n"), source, clean, given)

    def to_raw(self, offset: int) -> int:
        """The offset in ``raw`` of body offset ``offset``."""
        return _clean.body_to_raw(list(self.removed), offset)

    def removed_text(self) -> pd.DataFrame:
        """The cuts as a table: start, end, reason, chars, text; a cut the cleaner refused
        (it would have lost most of the prose) is a row of 0 chars with reason "warning: ..."."""
        rows = [{"article": self.id, "start": s, "end": e, "reason": r, "chars": e - s,
                 "text": self.raw[s:e]} for s, e, r in self.removed]
        rows += [{"article": self.id, "start": 0, "end": 0, "reason": f"warning: {w}", "chars": 0, "text": ""}
                 for w in self.extra.get("warnings", ())]
        return pd.DataFrame(rows, columns=["article", "start", "end", "reason", "chars", "text"])

    def __repr__(self) -> str:
        title = (self.title or self.body[:40]).replace("\n", " ")
        return f"Article(id={self.id!r}, title={title!r}, {len(self.body)} chars)"


@dataclass(frozen=True)
class RawArticle:
    """An article read and checked but not yet cleaned (:meth:`Article.prepare`); ``id`` and
    ``source`` are known, :meth:`article` cuts the furniture."""

    id: str
    raw: str
    source: str | None
    clean: bool
    given: dict

    def article(self) -> Article:
        """The :class:`Article`: furniture cut (unless ``clean=False``), metadata given winning
        over what the furniture says."""
        if self.clean:
            removed, found = _clean.clean(self.raw, self.given.get("description"))
        else:
            removed, found = _clean._finish(self.raw, []), {}
        given = dict(self.given)
        fields = {k: given.pop(k, found.pop(k, None)) for k in METADATA_FIELDS}
        # what reading the file noted (an HTML extractor's miss) and what the cleaner refused
        notes = list(given.pop("warnings", ())) + list(found.pop("warnings", ()))
        extra = {**found, **given, **({"warnings": notes} if notes else {})}
        return Article(id=self.id, raw=self.raw, body=_clean.apply_cuts(self.raw, removed),
                       removed=tuple(removed), source=self.source, extra=extra, **fields)


def _parse_iso(text: str, where: str) -> dt.date:
    try:
        return pd.Timestamp(text).date()
    except (ValueError, TypeError):
        raise InputError(f"{where}: cannot read the date {text!r}; use YYYY-MM-DD") from None


class Corpus(Sequence):
    """An ordered collection of articles with unique ids.

    ``problems`` lists inputs that could not be read when loading was asked to go on
    past them (each with its source and the reason), so nothing is dropped silently.
    """

    def __init__(self, articles: Iterable[Article] = (), problems: Iterable = ()):
        self.articles: list[Article] = list(articles)
        self.problems = list(problems)
        seen: dict[str, Article] = {}
        for art in self.articles:
            if art.id in seen:
                raise InputError(
                    f"two articles share the id {art.id!r}: {seen[art.id].source} and {art.source}; "
                    "give them distinct file names or an id column")
            seen[art.id] = art
        self._by_id = seen

    def __getitem__(self, key):
        if isinstance(key, str):
            try:
                return self._by_id[key]
            except KeyError:
                raise KeyError(f"no article {key!r}; ids are {list(self._by_id)}") from None
        if isinstance(key, slice):
            return Corpus(self.articles[key])
        return self.articles[key]

    def __len__(self) -> int:
        return len(self.articles)

    def __iter__(self) -> Iterator[Article]:
        return iter(self.articles)

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.articles]

    def metadata(self) -> pd.DataFrame:
        """One row per article: id, title, author, outlet, published, characters kept and cut."""
        rows = [{"article": a.id, "title": a.title, "author": a.author, "outlet": a.outlet,
                 "published": a.published, "body_chars": len(a.body),
                 "removed_chars": sum(e - s for s, e, _ in a.removed), "source": a.source}
                for a in self.articles]
        return pd.DataFrame(rows, columns=["article", "title", "author", "outlet", "published",
                                           "body_chars", "removed_chars", "source"])

    def __repr__(self) -> str:
        return f"Corpus({len(self)} articles: {', '.join(self.ids[:5])}{', ...' if len(self) > 5 else ''})"
