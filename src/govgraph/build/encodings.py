"""Bytes to text: UTF-8 first, UTF-16/32 by their byte-order mark, legacy 8-bit encodings detected.

A file is decoded line by line: every line that is valid UTF-8 is read as UTF-8, and only the
lines that are not are read in the legacy encoding that charset-normalizer finds for them (or
that an HTML page declares). One stray Latin-1 byte therefore changes one line, not the whole
file, and a Windows-1251 or KOI8-R file is read as Cyrillic rather than as Western accents.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

from govgraph.errors import InputError

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_ASCII_PROBE = "\n\t azAZ09.,;:!?()<>/'\"-"
FALLBACK = "cp1252"  # the commonest legacy encoding of English text; every byte but five has a character
MIN_DETECT_BYTES = 16  # fewer non-ASCII bytes than this say too little for a statistical guess
MIN_MULTIBYTE_BYTES = 256  # below this many, only single-byte encodings are candidates (a short line "looks" Shift-JIS)
SINGLE_BYTE = ("cp1252", "cp1250", "cp1251", "koi8_r", "koi8_u", "iso8859_2", "iso8859_5", "iso8859_7", "cp1253",
               "cp1254", "cp1257", "mac_cyrillic", "cp866", "cp1255", "cp1256", "tis_620")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _binary(path: Path) -> InputError:
    return InputError(f"{path}: looks like a binary file, not text; remove it from the input")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: nearly every other byte is zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def looks_binary(text: str) -> bool:
    """More than 1% control characters (besides tabs, line and page breaks): not text."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f")
    return controls > 0 and controls * 100 > len(sample)


def _ascii_compatible(codec: str) -> bool:
    try:
        return _ASCII_PROBE.encode(codec) == _ASCII_PROBE.encode("ascii")
    except (LookupError, UnicodeError):
        return False


def _declared(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if Python knows it and it keeps ASCII as ASCII."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return name if _ascii_compatible(name) and not name.startswith("utf") else None


def detect_legacy(data: bytes) -> str:
    """The 8-bit encoding of bytes that are not UTF-8, as charset-normalizer sees it (Windows-1252 when unsure)."""
    high = sum(1 for byte in data if byte > 0x7F)
    if high < MIN_DETECT_BYTES:
        return FALLBACK
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(SINGLE_BYTE) if high < MIN_MULTIBYTE_BYTES else None).best()
    if best is None or best.encoding.startswith("utf") or not _ascii_compatible(best.encoding):
        return FALLBACK
    return best.encoding


def decode_lines(data: bytes, legacy: str | None = None) -> str:
    """UTF-8 where a line is UTF-8, the legacy encoding (detected from the other lines) where it is not.

    Never raises: a byte the legacy encoding has no character for becomes U+FFFD.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    decoded: list[str | None] = []
    foreign: list[bytes] = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(None)
            foreign.append(line)
    codec = legacy or detect_legacy(b"\n".join(foreign))
    return "\n".join(text if text is not None else _mixed_line(line, codec) for text, line in zip(decoded, lines, strict=True))


def _mixed_line(line: bytes, codec: str) -> str:
    """A line that is not UTF-8: mostly UTF-8 with stray bytes (only those read in `codec`), or all in `codec`."""
    high = sum(1 for byte in line if byte > 0x7F)
    in_utf8 = sum(len(m.group()) for m in _UTF8_SEQUENCE.finditer(line))
    if in_utf8 * 2 <= high:
        return line.decode(codec, errors="replace")
    handler = f"govgraph.{codec}"
    try:
        codecs.lookup_error(handler)
    except LookupError:
        codecs.register_error(handler, _stray_bytes(codec))
    return line.decode("utf-8", errors=handler)


def _stray_bytes(codec: str) -> Callable[[UnicodeError], tuple[str, int]]:
    def handle(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        return exc.object[exc.start : exc.end].decode(codec, errors="replace"), exc.end

    return handle


def decode(data: bytes, path: Path) -> str:
    """Decode a file's bytes: UTF-32/16 with a BOM, UTF-16 without one, else UTF-8 line by line with a legacy fallback.

    Raises:
        InputError: the data is binary, or claims a UTF-16/32 BOM that its bytes break.
    """
    bom = next((codec for mark, codec in _BOMS if data.startswith(mark)), None)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: starts as {bom.upper()} text but byte {exc.start} is not; re-save it as UTF-8") from exc
    elif b"\x00" in data[:4096]:
        text = _utf16_without_bom(data) or ""
        if not text:
            raise _binary(path)
    else:
        text = decode_lines(data, _declared(data))
    if looks_binary(text):
        raise _binary(path)
    return text
