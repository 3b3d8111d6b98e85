"""HTTP hygiene for remote SPARQL stores: credentials out of URLs and messages, capped answers, cuttable sockets."""

from __future__ import annotations

import base64
import http.client
import re
import socket
import urllib.parse
import urllib.request

from govgraph.errors import StoreError

MAX_ANSWER_BYTES = 256 * 2**20  # the most a SPARQL server's answer may hold before it is refused
READ_CHUNK = 2**20
_USERINFO = re.compile(r"(\w+://)[^/@\s]*@")


def without_credentials(url: str) -> tuple[str, str | None]:
    """A URL without its user:password part, and that part as a Basic Authorization header (or None)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    user = urllib.parse.unquote(parts.username or "")
    password = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def redact(text: str) -> str:
    """Text with the user:password part of every URL in it replaced by ***."""
    return _USERINFO.sub(r"\1***@", text)


def opener(sockets: list[socket.socket]) -> urllib.request.OpenerDirector:
    """An opener whose connections record their sockets, so that a deadline can cut them."""

    class Recorded(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            sockets.append(self.sock)

    class RecordedTLS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            sockets.append(self.sock)

    class Handler(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(Recorded, req)

    class TLSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(RecordedTLS, req, context=self._context)  # type: ignore[attr-defined]

    return urllib.request.build_opener(Handler, TLSHandler)


def printable(text: str, limit: int = 200) -> str:
    """A server's words on one line: control characters and line breaks become spaces, the length is bounded."""
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def read_capped(response: http.client.HTTPResponse, max_bytes: int, url: str) -> bytes:
    """The whole answer, refused as soon as it passes max_bytes (never read whole into memory first).

    Raises:
        StoreError: the answer is larger.
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(READ_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise StoreError(f"{url}: the answer is larger than {max_bytes // 2**20} MB, more than govgraph reads "
                             "from a server; narrow the query down or add a LIMIT")
        chunks.append(chunk)
    return b"".join(chunks)
