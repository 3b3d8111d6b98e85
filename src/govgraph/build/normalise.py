"""Text normalised at the door: what every later stage may assume about a document's text and metadata.

Text is in NFC (a name typed with combining accents equals the same name typed precomposed),
has Unix line breaks, no control characters besides newline and tab (so nothing written from
it to XML, CSV or GraphML is malformed), and no invisible characters inside words: a zero-width
space, soft hyphen or word joiner would cut a name in two. Zero-width (non-)joiners are kept
where a script needs them (between two non-Latin letters) and dropped elsewhere. Metadata values
also lose any markup (``<b>Jane Roe</b>`` is ``Jane Roe``) and become one short line.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date as _date
from datetime import datetime as _datetime

MAX_METADATA_CHARS = 1_000

_BREAKS = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")  # every other way of starting a new line
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u2060-\u2064\ufeff]")  # soft hyphen, zero-width space, word joiner, BOM
_JOINER = re.compile("[\u200c\u200d]")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]{0,30}(?:\s[^<>]{0,500})?/?>|<!--.{0,2000}?-->", re.S)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _joiner(match: re.Match[str]) -> str:
    """Keep a zero-width (non-)joiner between two letters of a script that uses it; drop it elsewhere."""
    text, at = match.string, match.start()
    before = text[at - 1] if at else ""
    after = text[at + 1] if at + 1 < len(text) else ""
    needed = before.isalpha() and after.isalpha() and not (before.isascii() or after.isascii())
    return match.group() if needed or before >= "\U0001f000" or after >= "\U0001f000" else ""


_HTML_NAMES = ("a|abbr|b|big|blockquote|br|center|cite|code|del|dfn|div|em|font|h[1-6]|hr|i|img|ins|kbd|li|mark|ol|p|"
               "q|s|small|span|strike|strong|sub|sup|table|tbody|td|th|thead|tr|tt|u|ul")
_TEXT_TAG = re.compile(rf"<!--.{{0,2000}}?-->|</?(?:{_HTML_NAMES})(?:\s[^<>\n]{{0,500}})?/?>", re.I | re.S)
_BLOCK_TAG = re.compile(r"<(?:/?(?:p|div|blockquote|h[1-6]|li|ol|ul|table|tr)\b|br\b|hr\b)", re.I)
_MARKDOWN = (
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),  # "## Heading ##"
    (re.compile(r"^[ \t]{0,3}(?:> ?)+", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$", re.M), ""),  # rules
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # images
    (re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"), r"\1"),  # [text](url "title")
    (re.compile(r"(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1"), r"\2"),  # **strong**
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"), r"\1"),  # _emphasis_
)


def strip_text_markup(text: str, markdown: bool) -> str:
    """A text or Markdown file's words without HTML tags (a block tag leaves a line break) or Markdown syntax.

    Only tags of known HTML elements are removed, so "a <b> c" in prose about HTML is the only casualty and
    "x < y > z" is untouched. Done at the door, before any offset into the text is taken.
    """
    if "<" in text:
        text = _TEXT_TAG.sub(lambda m: "\n" if _BLOCK_TAG.match(m.group()) else "", text)
    if markdown:
        for pattern, replacement in _MARKDOWN:
            text = pattern.sub(replacement, text)
    return text


def normalise_text(text: str) -> str:
    """NFC, ``\\n`` line breaks, no control or invisible characters (see the module docstring)."""
    text = _BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = _INVISIBLE.sub("", text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINER.sub(_joiner, text)
    return unicodedata.normalize("NFC", text)


def strip_markup(text: str) -> str:
    """Text without HTML tags or comments, entities resolved (for names and metadata, never for offsets)."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    return text


def clean_value(value: object) -> str | None:
    """A metadata value as a short single-line string without markup; None for what is not a plain value."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | _date | _datetime):
        return None
    text = normalise_text(strip_markup(str(value)[: MAX_METADATA_CHARS * 4]))
    text = " ".join(text.split())[:MAX_METADATA_CHARS]
    return text or None
