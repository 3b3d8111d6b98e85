"""Datelines: the place, date and agency that open a news story ("KYIV, Ukraine (AP) — ...").

A dateline is looked for at the start of the text or of its first paragraphs (after a headline
and blank or furniture lines). Its place and date are read, and the dateline itself is blanked
out with spaces, so that neither the place nor the agency ("AP") becomes part of a sentence or
a name. A line that is nothing but a full date ("March 3, 2023") is the same kind of line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govgraph.build.dates import parse_date
from govgraph.build.furniture import blank

MAX_LINES_SEARCHED = 6  # non-blank lines from the top: a headline, a standfirst, a byline, then the first paragraph

_CAPS_WORD = r"(?:[A-Z]{1,3}\.|[A-Z][A-Z'’-]*[A-Z])"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:[ -]{_CAPS_WORD}){{0,3}}"  # ASTANA, NUR-SULTAN, ST. PETERSBURG
_TITLE_PLACE = r"[A-Z][a-zà-ÿ'’-]+(?: [A-Z][a-zà-ÿ'’-]+){0,2}"  # Astana, Santiago, Buenos Aires
_REGION = r"[A-Z][A-Za-zà-ÿ.'’-]+(?: [A-Z][A-Za-zà-ÿ.'’-]+){0,2}"  # Ukraine, Kenya, D.C.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
          r"Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:{_MONTH} \d{{1,2}}(?:,? \d{{4}})?|\d{{1,2}} {_MONTH}(?:,? \d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|"
         rf"\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})")
_AGENCY = r"(?:\((?:[A-Z][A-Za-z./&' -]{0,28}|dpa)\)|/[A-Z]{2,10}/\.?)"  # (AP), (Reuters), (RFE/RL), /TASS/
_DASH = r"(?:\.?(?:—|–|--?)|:)"  # the mark that ends a dateline before the story (".-" after an agency: "(EFE).-")

_DATELINE = re.compile(
    rf"(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})"
    rf"(?:,\s*(?P<region>{_REGION}))??"
    rf"(?:,?\s*(?P<date>{_DATE}))?"
    rf"(?:\.?\s*(?P<agency>{_AGENCY}|[A-Z]{{3,10}}(?= [–—-])))?"
    rf"\s*(?P<dash>{_DASH})?(?=\s|$)"
)
_DATE_LINE = re.compile(rf"(?P<date>{_DATE})\.?\s*$")
# a name with one of these words is a publication ("Tien Shan Herald, 12 April 2021"), not a place
PUBLICATION_WORDS = {"affairs", "agency", "bulletin", "chronicle", "courier", "daily", "digest", "express", "gazette",
                     "herald", "insider", "journal", "magazine", "monitor", "news", "observer", "post", "press", "report",
                     "review", "telegraph", "times", "today", "tribune", "weekly", "wire"}
NOT_PLACES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "LIVE", "EDITORIAL",
              "COMMENTARY", "COMMENT", "INTERVIEW", "REVIEW", "NOTE", "PHOTO", "VIDEO", "FACT CHECK", "NEWS"}


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found in a text: its place (or publication) and full ISO date, any of them missing, and where it stands."""

    place: str | None
    date: str | None
    start: int
    end: int
    publication: str | None = None


def _full_date(text: str | None) -> str | None:
    parsed = parse_date(text) if text else None
    return parsed.iso if parsed and parsed.year and parsed.day else None


def _match_line(line: str, offset: int) -> Dateline | None:
    stripped = line.lstrip()
    at = offset + len(line) - len(stripped)
    only_date = _DATE_LINE.match(stripped)
    if only_date and _full_date(only_date.group("date")):
        return Dateline(None, _full_date(only_date.group("date")), at, at + len(stripped.rstrip()))
    match = _DATELINE.match(stripped)
    if not match:
        return None
    place, region, date, agency, dash = match.group("place", "region", "date", "agency", "dash")
    at_end = not stripped[match.end() :].strip()
    caps = place.isupper() and len(place) > 1 and place not in NOT_PLACES
    if not (dash or at_end or agency) or (dash == ":" and not (date or agency)):
        return None
    if not (caps or date or agency):
        return None  # "Parliament — the lower house — voted" is a sentence, not a dateline
    if agency and not (dash or caps or date):
        return None  # "Chile's Constituent Convention (CC) resulting from ...": a name and its acronym, no dateline
    if at_end and not (date or agency):
        return None  # a heading line such as "NEW PARLIAMENT"
    following = stripped[match.end() :].lstrip()
    if not (date or agency or region) and following[:1].islower():
        return None  # "NATO — the alliance ...": a sentence goes on in lower case, a story starts a new one
    shown = place if not region else f"{place}, {region}"
    shown = shown.title() if place.isupper() else shown
    if place.startswith("The ") or PUBLICATION_WORDS & set(place.lower().split()):
        return Dateline(None, _full_date(date), at, at + match.end(), publication=shown)
    return Dateline(shown, _full_date(date), at, at + match.end())


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of the text or of one of its first non-blank lines, if any."""
    offset = 0
    searched = 0
    for line in text[:4000].split("\n"):
        if line.strip():
            found = _match_line(line, offset)
            if found:
                return found
            searched += 1
            if searched >= MAX_LINES_SEARCHED:
                break
        offset += len(line) + 1
    return None


def read_dateline(text: str) -> tuple[str, Dateline | None]:
    """The text with its dateline blanked out (same length), and the dateline."""
    found = find_dateline(text)
    if found is None:
        return text, None
    return blank(text, found.start, found.end), found
