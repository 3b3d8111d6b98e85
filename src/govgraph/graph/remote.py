"""HTTP hygiene for remote SPARQL stores: credentials out of messages, capped answers, cuttable sockets."""

from __future__ import annotations

import http.client
import re
import socket
import urllib.parse
import urllib.request

from govgraph.errors import StoreError

MAX_ANSWER_BYTES = 256 * 2**20  # the most a SPARQL server's answer may hold before it is refused
READ_CHUNK = 2**20
_USERINFO = re.compile(r"(\w+://)[^/@\s]*@")


def redact(text: str) -> str:
    """Text with the user:password part of every URL in it replaced by ***."""
    return _USERINFO.sub(r"\1***@", text)


def opener(sockets: list[socket.socket], *handlers: urllib.request.BaseHandler) -> urllib.request.OpenerDirector:
    """An opener whose connections record their sockets, so that a deadline can cut them (`handlers`: more, such as
    authentication)."""

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

    return urllib.request.build_opener(Handler, TLSHandler, *handlers)


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
