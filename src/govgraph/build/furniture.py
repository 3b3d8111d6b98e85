"""Page furniture: lines of a page that are not the article's sentences.

Photo captions and credits, related-story links, share and subscribe prompts, site headers and
time stamps, cookie notices, tag lists, copyright lines, advertisement markers, breadcrumbs and
page numbers are blanked out with spaces: the text keeps its length and its line breaks, so the
offsets of everything else still point into the text as read. Each pattern is declared with
lines it must match and lines it must not match; the tests run every example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_FURNITURE_LINE = 300  # a caption or a prompt is short; a longer line is a paragraph that mentions a photo


@dataclass(frozen=True, slots=True)
class Furniture:
    """One kind of furniture: a pattern searched in each stripped line, with examples that are tests."""

    name: str
    pattern: re.Pattern[str]
    matches: tuple[str, ...]
    not_matches: tuple[str, ...]
    max_length: int = MAX_FURNITURE_LINE

    def is_furniture(self, line: str) -> bool:
        line = line.strip()
        return bool(line) and len(line) <= self.max_length and self.pattern.search(line) is not None


_CREDIT_WORD = r"(?:photo(?:graph)?s?|images?|pictures?|pic|video|graphic|illustration|credit|source|file photo)"
_AFTER_SENTENCE = r"(?:^|[.!?]\s+|[(\[|/]\s*|[–—]\s*|\s-\s)"  # where a credit may start: the line or a sentence, a bracket

_STAMP_TOKEN = (r"(?:\d{1,4}(?:st|nd|rd|th)?|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
                r"[a-z]*\.?|[ap]\.?m\.?|gmt|utc|[ecmp][sd]t|cet|cest|bst|msk|at|on|ago|hours?|minutes?|mins?|days?)")
_STAMP = rf"{_STAMP_TOKEN}(?:[\s,./:|()+-]+{_STAMP_TOKEN})*[.]?"  # nothing but dates, times and zones

FURNITURE: tuple[Furniture, ...] = (
    Furniture(
        "photo credit",
        re.compile(_AFTER_SENTENCE + _CREDIT_WORD + r"(?:\s+(?:credits?|courtesy|source))?\s*(?::|\bby\b|\bcourtesy\b|©)",
                   re.I),
        ("Photo: Akorda press service",
         "President Kassym-Jomart Tokayev at the session. Photo credit: Akorda press service.",
         "Protesters outside parliament (Photo by Jane Doe/Getty Images)",
         "Image credit: Wikimedia Commons",
         "The new building of the Senate. | Photo: RFE/RL",
         "FILE PHOTO: Members of parliament attend a session"),
        ("The photo by the journalist was shared widely after the vote.",
         "Photographers were barred from the chamber during the debate.",
         "The source of the funds was never disclosed, the commission said."),
    ),
    Furniture(
        "caption",
        re.compile(r"^(?:pictured|in the (?:photo|picture)|(?:top|main|file) (?:photo|image|picture)|left to right|"
                   r"from left|\(?l-r\)?|\(?from left\)?)\s*[:,)]|^\(?l-r\)", re.I),
        ("Pictured: President Tokayev and Speaker Koshanov",
         "(L-R) Speaker Koshanov, President Tokayev and Senator Ashimbayev",
         "Left to right: the ministers of justice and finance"),
        ("Left-wing parties won 40 seats.", "Pictures of the session were published later.",
         "From left to right, the parties span the spectrum."),
    ),
    Furniture(
        "agency picture",
        re.compile(r"\b(?:Getty Images|via Getty|Shutterstock|Alamy|EPA-EFE|AP Photo|AFP Photo|"
                   r"(?:REUTERS|Reuters|AFP|AP|EPA|Xinhua|Anadolu|TASS|Sputnik)\s*/\s*[A-Z][a-z]+)|©\s*\w"),
        ("Voters queue in Bishkek. REUTERS/Vladimir Pirogov",
         "Speaker of parliament at a press conference, Getty Images",
         "(AP Photo/Efrem Lukatsky)",
         "© Akorda"),
        ("NAIROBI, Kenya, Aug 9 (Reuters) - Kenya's parliament approved the bill.",
         "The agency AP reported the results on Monday.",
         "Reuters reported that the vote was delayed."),
        max_length=200,
    ),
    Furniture(
        "related story",
        re.compile(r"^(?:read (?:also|more|next)|also read|see also|related(?: (?:articles?|stories|news|content|posts?|"
                   r"coverage|reading|topics))?|more (?:on|about|from) (?:this|the)\b[^.]*|recommended(?: for you)?|"
                   r"you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed)|trending(?: now)?|"
                   r"don'?t miss|further reading|editor'?s picks?|latest news|more stories)\s*(?:[:»›>|–—-]|$)", re.I),
        ("Read also: Extra Session Regarding Constitutional Amendments",
         "READ MORE: Parliament approves new cabinet",
         "Related:",
         "See also",
         "You may also like",
         "Related articles"),
        ("Read more about the reform in the next section.",
         "Related reforms were adopted in 2022.",
         "See also the decree of May 5, 2022, which set the date."),
    ),
    Furniture(
        "share or subscribe",
        re.compile(r"^(?:share(?: this(?: article| story| page)?| on| via| article| story)?\s*(?::|\b(?:facebook|twitter|"
                   r"x|linkedin|whatsapp|telegram|e-?mail)\b|$)|subscribe\b|sign up\b|follow us\b|follow @|like us on\b|"
                   r"join (?:us|our)\b|click here\b|download (?:our|the) app\b|get (?:our|the) newsletter\b|"
                   r"listen to (?:this|the) (?:article|story)\b|(?:https?://|www\.)\S+$|"
                   r"(?:(?:facebook|twitter|x|linkedin|whatsapp|telegram|vk|reddit|pinterest|e-?mail|print|copy link|"
                   r"share|tweet)[\s|,/•·]*){2,}$)", re.I),
        ("Share this article",
         "Listen to this article",
         "https://www.example.org/news/2023/03/29/parliament",
         "Subscribe to our newsletter for daily updates",
         "Follow us on Telegram",
         "Facebook Twitter LinkedIn Email",
         "Share on WhatsApp",
         "Sign up for our weekly briefing"),
        ("Share of the vote for the ruling party rose to 40 percent.",
         "The text is at https://example.org/law and in the official gazette.",
         "Followers of the opposition leader gathered in the square.",
         "Shares of state companies will be sold under the new law."),
    ),
    Furniture(
        "time stamp",
        re.compile(rf"^(?:(?:record|last|date|page)\s+(?:modified|updated|published|reviewed)|last update|updated|modified|"
                   rf"published|posted|first published|created)(?:\s+(?:on|at))?\s*:?\s*{_STAMP}$|"
                   rf"^{_STAMP}\s+\d{{1,2}}:\d{{2}}$|"
                   r"^(?:\d+\s+(?:min(?:ute)?s?|hours?)\s+(?:read|ago)|reading time\s*:.*|views?\s*:\s*[\d,]+)$", re.I),
        ("Record Modified: Nov 03 2023",
         "Last updated: 12 June 2021, 14:05",
         "Published on March 3, 2023 at 10:15",
         "September 28. 2023. 6:46",
         "5 min read",
         "Updated 2 hours ago"),
        ("Published in 1995, the constitution was amended three times.",
         "Updated rules for party registration took effect in 2023.",
         "March 3, 2023"),
    ),
    Furniture(
        "cookie notice",
        re.compile(r"\b(?:we|this (?:web)?site|our (?:web)?site)\s+uses?\s+cookies\b|^(?:accept|allow|reject|manage)\s+"
                   r"(?:all\s+)?cookies\b|\bcookie (?:policy|settings|preferences|consent)\b|^by (?:continuing|using) "
                   r"(?:to (?:use|browse) )?(?:this|our) (?:web)?site\b", re.I),
        ("We use cookies to improve your experience on our site.",
         "Accept all cookies",
         "By continuing to use this site you agree to our Cookie Policy"),
        ("The parliament debated a tax on cookies and confectionery.",
         "Using this site as a base, the observers monitored the vote."),
    ),
    Furniture(
        "tag list",
        re.compile(r"^(?:tags?|tagged(?: with)?|topics?|keywords?|categor(?:y|ies)|filed under|labels?)\s*:|"
                   r"^(?:#\w+[\s,]*){2,}$", re.I),
        ("Tags: Kazakhstan, elections, reform",
         "Filed under: Politics",
         "#Kazakhstan #elections #reform"),
        ("Topics discussed included the budget and the electoral law.",
         "The categories of voters were set by the law: citizens over 18."),
    ),
    Furniture(
        "copyright",
        re.compile(r"^(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4}))|\ball rights reserved\b", re.I),
        ("© 2023 The Astana Times",
         "Copyright 2021 Daily Planet. All rights reserved.",
         "All Rights Reserved"),
        ("The copyright law was amended in 2021.",
         "Copyright holders asked parliament to change the bill."),
    ),
    Furniture(
        "advertisement",
        re.compile(r"^(?:advertisement|sponsored(?: content)?|story continues below(?: advertisement)?|"
                   r"scroll to continue(?: with content)?|ad)$", re.I),
        ("ADVERTISEMENT", "Story continues below advertisement", "Sponsored"),
        ("Advertisement of political parties is banned during the silence period.",),
    ),
    Furniture(
        "breadcrumb",
        re.compile(r"^home\s*[›»>/|]\s*\w", re.I),
        ("Home > News > Politics", "Home / World / Asia"),
        ("Home affairs minister resigned on Monday.", "Home rule was granted to the region in 1990."),
    ),
    Furniture(
        "page number",
        re.compile(r"^(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*(?:of|/)\s*\d{1,4}|[-–—]\s*\d{1,3}\s*[-–—]|\d{1,3})$",
                   re.I),
        ("Page 3 of 12", "- 7 -", "12", "3 / 10"),
        ("2023", "Page three of the report lists the members.", "12 members"),
    ),
)


def blank(text: str, start: int, end: int) -> str:
    """Text with [start, end) replaced by spaces, line breaks kept: every other offset stays the same."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


_ANY = re.compile("|".join(f"(?{'i' if kind.pattern.flags & re.I else ''}:{kind.pattern.pattern})" for kind in FURNITURE))


def furniture_kind(line: str) -> str | None:
    """The name of the first kind of furniture this line is, or None for a line of the article."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_FURNITURE_LINE or not _ANY.search(stripped):
        return None  # one search for most lines: the article's own
    return next((kind.name for kind in FURNITURE if kind.is_furniture(stripped)), None)


def blank_furniture(text: str) -> str:
    """Every furniture line blanked out with spaces (same length, same line breaks)."""
    return "\n".join(" " * len(line) if furniture_kind(line) else line for line in text.split("\n"))


_CUT_TAIL = re.compile(r"[.!?:;,\s][^\s.!?:;,]*[A-Za-z\u00C0-\u024F]\s*$")
MIN_CUT_LINE = 60  # a paragraph, not a headline or a list item without a full stop


def blank_cut_word(text: str) -> str:
    """The name that ends the text blanked out (its capitalized words) when the text stops in the middle of a
    paragraph ('... the opposition coalition Togeth'): an excerpt cut off mid-word would give a truncated name. A
    short last line (a headline, a list item), a text that ends with punctuation and a lowercase last word stay."""
    body = text.rstrip()
    last_line = body.rsplit("\n", 1)[-1]
    match = _CUT_TAIL.search(body)
    if match is None or len(last_line.strip()) < MIN_CUT_LINE or not body[match.start() + 1].isupper():
        return text  # a lowercase word cut short makes no name: it stays
    start = match.start() + 1
    while (earlier := re.search(r"(?<=\s)[A-Z][\w'’-]*\s+$", body[:start])) is not None:
        start = earlier.start()  # a name cut short: all of its capitalized words ('the Popular Allia')
    return blank(text, start, len(body))

