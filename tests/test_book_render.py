"""The built book, checked as a reader would see it: served over HTTP and opened in headless Chromium.

Needs ``_build/html`` (``make book``) and the ``chromium`` browser (``make check-book``
installs it and runs this file); skipped with the reason when either is missing. Fails on
a chapter missing from the build, a broken internal link or anchor, an image that is
missing or that Chromium could not load, a resource fetched from the network, a Python
traceback or an unresolved glue reference in a page. Screenshots of the introduction and
the comparison land in ``_build/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-extensions", "--no-first-run",
         "--disable-sync", "--disable-component-update",
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
         "--virtual-time-budget=5000", "--hide-scrollbars"]

pytestmark = [
    pytest.mark.skipif(not (HTML / "index.html").exists(),
                       reason="no built book in _build/html: run `make book` (or `make check-book`)"),
    pytest.mark.skipif(CHROMIUM is None,
                       reason="chromium is not installed: `make check-book` installs it "
                              "(apt-get install chromium)"),
]


class Page(HTMLParser):
    """Links, resources, element ids and visible text of one HTML page."""

    def __init__(self):
        super().__init__()
        self.links, self.images, self.resources, self.ids, self.text = [], [], [], set(), []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "img" and a.get("src") is not None:
            self.images.append(a["src"])
        elif tag == "script" and a.get("src"):
            self.resources.append(a["src"])
        elif tag == "link" and a.get("href") and a.get("rel") in ("stylesheet", "preload", "icon"):
            self.resources.append(a["href"])
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.plain = " ".join(page.text)
    return page


def toc_pages() -> list[str]:
    """The pages _toc.yml promises (root and chapters), as paths relative to _build/html."""
    text = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    files = re.findall(r"^\s*(?:root|-\s*file)\s*:\s*(\S+)", text, flags=re.M)
    return [re.sub(r"\.(ipynb|md)$", "", f) + ".html" for f in files]


def notebook_images(page: str) -> int:
    """How many figures the chapter's committed notebook displays (0 for markdown pages)."""
    nb = ROOT / page.replace(".html", ".ipynb")
    if not nb.exists():
        return 0
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    return sum("image/png" in o.get("data", {}) for c in cells for o in c.get("outputs", []))


class Server:
    """_build/html over HTTP on 127.0.0.1, logging every request's path and status."""

    def __init__(self):
        self.log: list[tuple[str, int]] = []
        log = self.log

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_request(self, code="-", size="-"):
                log.append((unquote(urlsplit(self.path).path), int(getattr(code, "value", code))))

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(HTML)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.httpd.shutdown()


def chromium(*args: str) -> str:
    run = subprocess.run([CHROMIUM, *FLAGS, *args], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "HOME": str(ROOT / "_build" / ".chromium-home")})
    assert run.returncode == 0, f"chromium failed ({run.returncode}): {run.stderr[-2000:]}"
    return run.stdout


def all_pages() -> list[str]:
    return sorted(str(p.relative_to(HTML)) for p in HTML.rglob("*.html")
                  if not p.relative_to(HTML).parts[0].startswith("_"))


def test_every_chapter_in_the_toc_was_built():
    missing = [p for p in toc_pages() if not (HTML / p).exists()]
    assert not missing, f"pages listed in _toc.yml but not built: {missing}"
    assert len(toc_pages()) >= 5


@pytest.mark.parametrize("page", all_pages())
def test_page_links_images_and_content(page):
    path = HTML / page
    doc = parse(path)
    problems = []
    for href in doc.links:
        parts = urlsplit(href)
        if parts.scheme or href.startswith("//") or href.startswith("mailto:"):
            continue
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        if not target.exists():
            problems.append(f"broken link {href!r}")
        elif parts.fragment and target.suffix == ".html" and parts.fragment not in parse(target).ids:
            problems.append(f"link to a missing anchor {href!r}")
    for src in doc.images:
        target = (path.parent / unquote(urlsplit(src).path)).resolve()
        if urlsplit(src).scheme:
            problems.append(f"image from the network {src!r}")
        elif not target.is_file() or target.stat().st_size < 100:
            problems.append(f"missing or empty image {src!r}")
    for res in doc.resources:
        if urlsplit(res).scheme or res.startswith("//"):
            problems.append(f"resource loaded from the network {res!r}")
        elif not (path.parent / unquote(urlsplit(res).path)).resolve().exists():
            problems.append(f"missing resource {res!r}")
    for needle in ("Traceback (most recent call last)", "{glue:", "```{glue}"):
        if needle in doc.plain:
            problems.append(f"rendered page contains {needle!r}")
    traceback_shown = 'class="output traceback' in path.read_text(encoding="utf-8")
    if re.search(r"\b\w+Error: ", doc.plain) and traceback_shown:
        problems.append("a cell's error output is rendered")
    if page in toc_pages():
        expected = notebook_images(page)
        if len(doc.images) < expected:
            problems.append(f"{len(doc.images)} images rendered, the notebook has {expected} figures")
    assert not problems, f"{page}: " + "; ".join(problems)


def test_chromium_renders_every_page_and_loads_every_image(server):
    for page in all_pages():
        server.log.clear()
        dom = chromium("--dump-dom", urljoin(server.url, page))
        assert "<main" in dom or "bd-main" in dom, f"{page}: Chromium rendered no main content"
        assert "Traceback (most recent call last)" not in dom, f"{page}: traceback in the rendered page"
        doc = parse(HTML / page)
        requested = {p: code for p, code in server.log}
        failed = {p: code for p, code in server.log if code >= 400 and p != "/favicon.ico"}
        assert not failed, f"{page}: Chromium requests that failed: {failed}"
        for src in doc.images:
            want = urlsplit(urljoin(urljoin(server.url, page), src)).path
            assert requested.get(unquote(want)) == 200, f"{page}: Chromium did not load the image {src}"


def test_screenshots_of_the_introduction_and_the_comparison(server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, page, height in (("index", "index.html", 3400),
                               ("comparison", "notebooks/07_conclusions.html", 5200)):
        out = SHOTS / f"{name}.png"
        out.unlink(missing_ok=True)
        chromium(f"--screenshot={out}", f"--window-size=1280,{height}", urljoin(server.url, page))
        assert out.exists() and out.stat().st_size > 20_000, f"no screenshot of {page}"
