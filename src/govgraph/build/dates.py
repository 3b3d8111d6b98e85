"""Dates as sources write them: full, month-and-year, month-and-day, or a bare year.

A date without a year keeps no year unless the caller passes the year the article states.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as _date
from datetime import timedelta as _timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        1,
    )
    for name in names
}
_MONTH = r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|21\d\d)"
_PATTERNS = [
    re.compile(r"(?<![\d-])" + _YEAR + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?:\s*[,.]\s*|\s+)" + _YEAR + r"(?!\d)"),
    re.compile(r"(?<!\d)" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"(?!\d)"),
    re.compile(r"\b" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"(?!\d)"),
    re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?![\d:])\b"),
    re.compile(r"(?<![\d,.])" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"\b"),
    re.compile(r"(?<![\d,.$€£-])" + _YEAR + r"(?![\d%]|\s*(?:percent|per cent))"),
]
_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the precision the source states."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        """ISO 8601 / XSD lexical form: 2023-03-29, 2022-06, 2022 or --03-29."""
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else f"--{self.month:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def datatype(self) -> str:
        if self.year is None:
            return "gMonthDay" if self.day else "gMonth"
        if self.month is None:
            return "gYear"
        return "gYearMonth" if self.day is None else "date"


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: PartialDate


def _valid(year: int | None, month: int | None, day: int | None) -> bool:
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None and (month is None or not 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return False
    leap = year is None or (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
    return not (month == 2 and day == 29 and not leap)


def _from_match(match: re.Match[str], year_hint: int | None) -> PartialDate | None:
    groups = match.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    month: int | None
    day: int | None
    if groups.get("m"):
        month, day = int(groups["m"]), int(groups["d"])
    else:
        month = MONTHS[groups["month"].lower().rstrip(".")] if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
    if year is None and month is not None and year_hint is not None:
        year = year_hint
    if not _valid(year, month, day):
        return None
    return PartialDate(year, month, day)


def find_dates(text: str, year: int | None = None) -> Iterator[DateMention]:
    """Yield the dates mentioned in text, longest match first at each position, without overlaps.

    Args:
        text: the text to scan.
        year: the year the article itself states; given to dates that have no year of their own.
    """
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            date = _from_match(match, year)
            if date is None:
                continue
            taken.append((s, e))
            found.append(DateMention(s, e, match.group(0), date))
    yield from sorted(found, key=lambda d: d.start)


def anchor(date: PartialDate, article_date: str | None, future: bool) -> PartialDate:
    """Give a day-and-month date the year the article's own date implies.

    An article dated 2023-03-03 that mentions 'November 20' in the past tense means 2022-11-20;
    'will be held on 13 April' means the next 13 April. Without an article date the date stays
    partial: no year is ever invented.
    """
    if date.year is not None or date.month is None or not article_date or len(article_date) < 10:
        return date
    year, month, day = (int(p) for p in article_date.split("-"))
    candidate = PartialDate(year, date.month, date.day)
    later = (date.month, date.day or 1) > (month, day)
    if later and not future:
        candidate = PartialDate(year - 1, date.month, date.day)
    elif not later and future and (date.month, date.day or 1) < (month, day):
        candidate = PartialDate(year + 1, date.month, date.day)
    if candidate.day and not _valid(candidate.year, candidate.month, candidate.day):
        return date
    return candidate


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_date(name: str, article_date: str | None, future: bool) -> PartialDate | None:
    """The day a weekday names relative to the article's date: 'on Sunday' in an article dated Friday
    2022-10-21 is 2022-10-16 (or 2022-10-23 when the sentence speaks of what will happen).

    Only with a full article date: otherwise None, since a weekday alone is no date.
    """
    if name.lower() not in WEEKDAYS or not article_date or len(article_date) < 10:
        return None
    try:
        base = _date.fromisoformat(article_date[:10])
    except ValueError:
        return None
    shift = (base.weekday() - WEEKDAYS.index(name.lower())) % 7
    day = base - _timedelta(days=shift) if not future else base + _timedelta(days=(-shift) % 7)
    return PartialDate(day.year, day.month, day.day)


def parse_date(text: str, year: int | None = None) -> PartialDate | None:
    """Parse a string that is a date and nothing else; None when it is not one."""
    text = text.strip()
    for mention in find_dates(text, year):
        if mention.start == 0 and mention.end == len(text.rstrip(".")):
            return mention.date
    return None
