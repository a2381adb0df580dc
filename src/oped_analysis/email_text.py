"""Read a saved e-mail (``.eml``: a newsletter as a mail client saves it) as text.

Read as plain text, a saved e-mail loses words: quoted-printable breaks lines with "=" in the
middle of words and writes "’" as "=E2=80=99", and base64 bodies are no text at all. The message
is parsed with the standard library's ``email`` package (RFC 5322 headers; MIME parts,
transfer encodings and charsets decoded), offline. The text given to the cleaner is the header
lines a reader sees ("From:", "Date:", "Subject:", which the cleaner reads as furniture and
the date line as the date) and the message's body: its text/plain part, else its text/html part
through the HTML extractor (whose metadata is returned with the text).
"""

from __future__ import annotations

import email
import email.policy
from collections.abc import Callable

from .errors import InputError

#: The header lines kept above the body, in this order: what a mail client shows a reader.
SHOWN_HEADERS = ("From", "Date", "Subject")


def email_to_text(
    source: str, name: str, html_to_text: Callable[[str, str], tuple[str, dict]]
) -> tuple[str, dict]:
    """``(text, metadata)`` of a saved e-mail (see the module docstring); ``html_to_text`` reads
    an HTML body. An :class:`~oped_analysis.errors.InputError` names the file and the problem."""
    message = email.message_from_string(source, policy=email.policy.default)
    if not any(message[h] for h in SHOWN_HEADERS):
        raise InputError(f"{name}: no e-mail headers (From:, Date:, Subject:) at its top; "
                         "save a newsletter's text as .txt")
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise InputError(f"{name}: the e-mail has no text or HTML part "
                         f"(its parts: {', '.join(p.get_content_type() for p in message.walk())})")
    try:
        body = part.get_content()
    except (LookupError, ValueError, UnicodeError) as exc:
        raise InputError(f"{name}: cannot decode the e-mail's {part.get_content_type()} part "
                         f"({type(exc).__name__}: {exc})") from None
    broken = [d for d in part.defects if type(d).__name__.startswith("InvalidBase64")]
    if broken:  # the standard library then returns the undecoded characters as the text
        raise InputError(f"{name}: the e-mail's {part.get_content_type()} part is not valid base64 "
                         f"({type(broken[0]).__name__}); the file may be cut or damaged")
    found: dict = {}
    if part.get_content_type() == "text/html":
        body, found = html_to_text(body, name)
    shown = [f"{h}: {' '.join(str(message[h]).split())}" for h in SHOWN_HEADERS if message[h]]
    return "\n".join(shown) + "\n\n" + body.replace("\r\n", "\n"), found
