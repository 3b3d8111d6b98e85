"""PDF (pypdf) and Word (python-docx) files: their text, page by page for a PDF, and their metadata.

A PDF's lines are the lines of its layout: a line that fills the width of the page and does not
end a sentence was wrapped, and is joined to the next (a word hyphenated at the end of a line
is put back together); short lines (headings, captions, list items) keep their line break. A
Word file's paragraphs and table rows each become a paragraph of the text.
"""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from govgraph.errors import InputError

MAX_PDF_PAGES = 2_000
WRAPPED_SHARE = 0.7  # a line at least this share of the page's usual full line was wrapped by the layout
MIN_WRAPPED_CHARS = 40  # ... and at least this long: a column of short items is a list, not wrapped text
_SENTENCE_END = re.compile(r"[.!?:;…\"'”’»)\]]$")
_FILE_NAME_TITLE = re.compile(r"^(?:microsoft word - |untitled)|\.(?:docx?|pdf|rtf|odt|txt)$", re.I)

logging.getLogger("pypdf").addHandler(logging.NullHandler())


def unwrap(page: str) -> str:
    """Join the lines of a page that the layout wrapped, keep the others (see the module docstring)."""
    lines = [line.rstrip() for line in page.split("\n")]
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return ""
    full = lengths[int(0.75 * (len(lengths) - 1))]
    out: list[str] = []
    joining = False
    for line in lines:
        if joining and line.strip():
            previous = out.pop()
            if previous.endswith("-") and previous[-2:-1].isalpha() and line.lstrip()[:1].islower():
                out.append(previous[:-1] + line.lstrip())
            else:
                out.append(previous + " " + line.lstrip())
        else:
            out.append(line)
        current = out[-1]
        joining = (bool(current.strip()) and len(line) >= max(WRAPPED_SHARE * full, MIN_WRAPPED_CHARS)
                   and not _SENTENCE_END.search(current))
    return "\n".join(out)


def _title(value: object) -> str | None:
    text = str(value).strip() if isinstance(value, str) else ""
    return text if text and not _FILE_NAME_TITLE.search(text) else None


def read_pdf(data: bytes, path: Path) -> tuple[list[str], dict[str, str]]:
    """The text of each page of a PDF and its title (its author field names an account more often than a writer).

    Raises:
        InputError: the file is not a readable PDF, is encrypted, or has too many pages.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise InputError(f"{path}: the PDF is encrypted; give an unencrypted copy")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise InputError(f"{path}: {len(reader.pages):,} pages, more than the {MAX_PDF_PAGES:,} a source may have; "
                             "split it")
        pages = [unwrap(page.extract_text() or "") for page in reader.pages]
        title = _title(reader.metadata.title if reader.metadata is not None else None)
    except InputError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OSError) as exc:
        raise InputError(f"{path}: not a readable PDF ({exc.__class__.__name__}); re-export it or give its text") from exc
    if not any(page.strip() for page in pages):
        raise InputError(f"{path}: the PDF has no text layer (a scan?); run OCR on it or give its text")
    return pages, {"title": title} if title else {}


def read_docx(data: bytes, path: Path) -> tuple[str, dict[str, str]]:
    """The text of a Word file (paragraphs and table rows in order) and its title.

    Raises:
        InputError: the file is not a readable .docx file.
    """
    import zipfile

    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                for row in item.rows:
                    cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))  # merged cells repeat
                    blocks.append(" | ".join(cell for cell in cells if cell))
            else:
                blocks.append(item.text)
        title = _title(document.core_properties.title)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, OSError) as exc:
        raise InputError(f"{path}: not a readable Word (.docx) file ({exc.__class__.__name__}); re-save it as .docx "
                         "or give its text") from exc
    text = "\n\n".join(block.strip() for block in blocks if block.strip())
    return text + "\n" if text else "", {"title": title} if title else {}
