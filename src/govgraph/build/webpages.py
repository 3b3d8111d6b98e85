"""HTML pages: the main text and metadata of a saved web page, through trafilatura.

trafilatura finds the article among menus, sidebars, comments and footers, and reads the title,
author, date and site name from meta tags, JSON-LD and the page itself. It is given a parsed
tree, never a URL, so nothing is fetched; the date comes from the page's markup only (no guess
from its text). Each block of the main text becomes a paragraph of its own (blocks separated by
a blank line), so a caption or a heading never runs into the next paragraph.
"""

from __future__ import annotations

import logging
import re
from configparser import ConfigParser
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.errors import InputError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SKIPPED_ELEMENTS = ("script", "style", "noscript", "template", "svg", "iframe", "object", "embed")
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]{0,200}\?>")

for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())  # their warnings are not ours to print


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # a timeout uses SIGALRM, which only the main thread may set
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")  # else short pages fall back to one run of text with captions in it
    return config


def _tree(raw: str, path: Path) -> HtmlElement:
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", raw), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"{path}: the file holds no text; remove it or add content") from exc
    if any("depth" in str(error.message).lower() for error in parser.error_log):
        raise InputError(f"{path}: HTML nested too deeply to read; save the page's text instead")
    for element in list(tree.iter(*SKIPPED_ELEMENTS)):
        if element.getparent() is not None:
            element.drop_tree()
    return tree


def read_page(raw: str, path: Path) -> tuple[str, dict[str, str]]:
    """The main text of a page (one block a paragraph) and its metadata (title, author, date, publisher, url).

    Raises:
        InputError: the page cannot be parsed.
    """
    import trafilatura
    from trafilatura.settings import Document as Page
    from trafilatura.settings import set_date_params

    tree = _tree(raw, path)
    try:
        page = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_images=False,
                                           include_tables=True, config=_config(),
                                           date_extraction_params=set_date_params(extensive=False))
    except (RecursionError, ValueError, TypeError, AttributeError) as exc:
        raise InputError(f"{path}: cannot read this HTML ({exc.__class__.__name__}); save the page's text instead") from exc
    page = page if isinstance(page, Page) else None
    text = page.text if page is not None and page.text else tree.text_content()
    blocks = [" ".join(line.split()) for line in text.split("\n")]
    body = "\n\n".join(block for block in blocks if block)
    meta: dict[str, object] = {}
    if page is not None:
        meta = {"title": page.title, "author": page.author, "date": page.date, "publisher": page.sitename, "url": page.url}
    return (body + "\n" if body else ""), {key: value for key, value in meta.items() if isinstance(value, str) and value}
