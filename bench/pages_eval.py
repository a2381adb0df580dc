"""Measure page cleaning on the page corpus in tests/pages/ (issue 11).

For each page (plain text, the same page as HTML, and its article as a static site's Markdown
export) it compares the loaded article with the index: body-character precision and recall
(non-space characters; text pages by raw offset, HTML and Markdown pages by aligning words),
and exact title, author, published date and outlet
(where the page carries them). Run from the repo root:

    PYTHONPATH=src python bench/pages_eval.py [--verbose]
"""

from __future__ import annotations

import difflib
import json
import re
import sys
import warnings
from pathlib import Path

PAGES = Path(__file__).resolve().parents[1] / "tests" / "pages"


#: A word's hyphen at a line's end before a lower-case letter ("divi-" / "sion"): not the word's.
BROKEN_WORD = re.compile(r"(?<=[a-z])-\n\s*(?=[a-z])")


def expected_offsets(raw: str, entry: dict) -> set[int]:
    """Raw offsets of the expected body's non-space characters (a word broken over two lines
    is expected whole, without its line-break hyphen)."""
    start, end = entry["body_start"], entry["body_end"]
    keep = {i for i in range(start, end) if not raw[i].isspace()}
    keep -= {m.start() for m in BROKEN_WORD.finditer(raw, start, end)}
    for line in entry["inside"]:
        pos = start
        while (pos := raw.find(line, pos, end)) >= 0:
            keep -= set(range(pos, pos + len(line)))
            pos += len(line)
    return keep


def body_offsets(article) -> set[int]:
    """Raw offsets of the non-space characters the loader kept as body."""
    kept, pos = set(), 0
    for start, end, _ in list(article.removed) + [(len(article.raw), len(article.raw), "")]:
        kept |= {i for i in range(pos, start) if not article.raw[i].isspace()}
        pos = max(pos, end)
    return kept


def word_overlap(got: str, want: str) -> tuple[int, int, int]:
    """(matched, got, want) non-space characters, matching words in order."""
    a, b = got.split(), want.split()
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(len("".join(a[m.a : m.a + m.size])) for m in matcher.get_matching_blocks())
    return matched, len("".join(a)), len("".join(b))


def expected_text(raw: str, entry: dict) -> str:
    body = BROKEN_WORD.sub("", raw[entry["body_start"] : entry["body_end"]])
    for line in entry["inside"]:  # every occurrence, as expected_offsets() takes them out
        body = body.replace(line, " ")
    return body


def evaluate(
    kind: str = "txt",
    verbose: bool = False,
    held_out: bool | None = None,
    wrapped: bool = False,
    round_: int | None = None,
) -> dict:
    """Scores of one path ("txt", "html" or "md") over the corpus (or only its held-out pages, or
    only the others), with the misses listed. ``wrapped=True`` scores the hard-wrapped pages
    instead (a row of their own, so the other rows stay comparable with earlier runs);
    ``round_`` keeps the pages of one writing round (1: pages 1-54, 2: the second held-out set)."""
    import oped_analysis as oa

    index = json.loads((PAGES / "index.json").read_text(encoding="utf-8"))
    index = [
        e
        for e in index
        if (held_out is None or e["held_out"] == held_out)
        and e["wrapped"] == wrapped
        and (round_ is None or e.get("round", 1) == round_)
    ]
    matched = got_total = want_total = 0
    fields = {"title": [0, 0], "author": [0, 0], "published": [0, 0], "outlet": [0, 0]}
    misses, empty = [], []
    for entry in index:
        raw = (PAGES / "txt" / f"{entry['page']}.txt").read_text(encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            art = oa.load_article(PAGES / kind / f"{entry['page']}.{kind}")
        if not art.body.strip():
            empty.append(entry["page"])
        if kind == "txt":
            want, got = expected_offsets(raw, entry), body_offsets(art)
            m, g, w = len(want & got), len(got), len(want)
        else:
            m, g, w = word_overlap(art.body, expected_text(raw, entry))
        matched, got_total, want_total = matched + m, got_total + g, want_total + w
        if m < w or m < g:
            misses.append(f"{entry['page']}: body P={m / max(g, 1):.3f} R={m / max(w, 1):.3f}")
        for key, counts in fields.items():
            if entry[key] is None:
                continue
            value = getattr(art, key)
            value = str(value) if value is not None else None
            counts[1] += 1
            if value == entry[key]:
                counts[0] += 1
            else:
                misses.append(f"{entry['page']}: {key} {value!r} (want {entry[key]!r})")
    result = {
        "pages": len(index),
        "body_precision": matched / max(got_total, 1),
        "body_recall": matched / max(want_total, 1),
        "empty_bodies": empty,
        **{f"{k}_accuracy": ok / n if n else None for k, (ok, n) in fields.items()},
        **{f"{k}_pages": n for k, (ok, n) in fields.items()},
        "misses": misses,
    }
    if verbose:
        print("\n".join(misses))
    return result


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    rows = (
        (None, False, None, ""),
        (None, False, 1, " round 1"),
        (True, False, 1, " held-out 1"),
        (True, False, 2, " held-out 2"),
        (None, True, None, " hard-wrapped"),
    )
    for kind, (held_out, wrapped, round_, label) in [(k, row) for k in ("txt", "html", "md") for row in rows]:
        r = evaluate(kind, verbose and label in ("", " hard-wrapped"), held_out, wrapped, round_)
        print(
            f"{kind}{label}: {r['pages']} pages  body P={r['body_precision']:.3f} R={r['body_recall']:.3f}  "
            f"title {r['title_accuracy']:.0%}  author {r['author_accuracy']:.0%} ({r['author_pages']})  "
            f"date {r['published_accuracy']:.0%} ({r['published_pages']})  "
            f"outlet {_share(r['outlet_accuracy'])} ({r['outlet_pages']})  "
            f"empty bodies: {len(r['empty_bodies'])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
