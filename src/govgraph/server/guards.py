"""What a client can make the server do is bounded: body size, how slowly it sends, which paths it names.

`RequestLimits` is ASGI middleware: a body over the limit is refused with 413 (before it is read
when Content-Length says so, else as soon as it passes the limit), a body that stops arriving
gets 408, and a path with ``..``, ``//``, a backslash or a NUL gets 404 before any route sees it.
`guarded_h11_protocol` is uvicorn's h11 protocol with a deadline for each request's line and
headers, so a client that sends them a byte at a time holds its connection only that long; the
server is asynchronous, so such a client never delays the others in the meantime. Connections
that have sent no request (half-open, idle) are capped: past MAX_IDLE_CONNECTIONS the oldest is
closed, so hundreds of them cannot lock everyone else out.

`HostAllowList` answers 403 to a request whose Host header names neither this machine (an IP
address, ``localhost``) nor the address the server listens on, which defeats DNS rebinding: a
web page cannot read the endpoint's answers through a name of its own that resolves to 127.0.0.1.
`PageHeaders` adds a Content-Security-Policy, X-Frame-Options and nosniff to every response.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

MAX_BODY_BYTES = 2**20  # a POSTed query or form; the query text itself is limited to 256 KiB
BODY_TIMEOUT = 10.0  # seconds between the pieces of a request body
HEADER_TIMEOUT = 10.0  # seconds to send a request line and its headers
MAX_HEADER_BYTES = 512 * 1024  # request line and headers: a GET can carry a long query, percent-encoded
MAX_CONNECTIONS = 1024  # open connections (or running requests) before the server answers 503
MAX_IDLE_CONNECTIONS = 64  # connections without a request in progress; past it the oldest idle one is closed
KEEP_ALIVE_SECONDS = 5
LOCAL_NAMES = ("localhost",)
# the query page loads its own script and style only; the network view (graph.html) is one self-contained file
# with inline script and style; neither may be framed or send anything elsewhere
PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
VIEW_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
               "font-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; "
               "frame-ancestors 'none'")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class _Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def plain_response(send: Send, status: int, message: str) -> None:
    """Send a one-line text/plain answer and close the connection."""
    body = (message + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})


def escapes(path: str) -> bool:
    """Whether a decoded request path tries to leave the folder it names (``..``, ``//``, ``\\``, NUL)."""
    return "\\" in path or "\x00" in path or "//" in path or any(part in ("..", ".") for part in path.split("/"))


class RequestLimits:
    """ASGI middleware bounding request bodies (size, pace) and refusing paths that try to escape."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], max_body_bytes: int | None = None,
                 body_timeout: float | None = None) -> None:
        self.app = app
        self.max_body = max_body_bytes or MAX_BODY_BYTES
        self.body_timeout = body_timeout or BODY_TIMEOUT

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw = scope.get("raw_path") or b""
        if escapes(scope.get("path", "")) or escapes(raw.decode("latin-1")):
            await plain_response(send, 404, "not found")
            return
        declared = next((v for k, v in scope.get("headers", []) if k == b"content-length"), None)
        if declared is not None:
            if not declared.strip().isdigit():
                await plain_response(send, 400, "Content-Length is not a number")
                return
            if int(declared) > self.max_body:
                await plain_response(send, 413, self._too_large())
                return
        received, more, started = 0, True, False

        async def limited_receive() -> Message:
            nonlocal received, more
            if not more:  # the body is complete: what follows is a wait for the client to leave
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), timeout=self.body_timeout)
            except TimeoutError:
                raise _Refused(408, f"the request body stopped arriving for {self.body_timeout:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                more = bool(message.get("more_body"))
                if received > self.max_body:
                    raise _Refused(413, self._too_large())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _Refused as refused:
            if not started:
                await plain_response(send, refused.status, refused.message)

    def _too_large(self) -> str:
        return f"the request body is larger than {self.max_body // 1024} KiB; send a shorter query"


def host_name(header: str) -> str:
    """The host of a Host header value, without its port, brackets or trailing dot, lower-cased."""
    value = header.strip().lower()
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else value[1:]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def allowed_host(name: str, allowed: Iterable[str]) -> bool:
    """An IP address (never a name a page's author controls), localhost, or an allowed name."""
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in LOCAL_NAMES or name in {host_name(a) for a in allowed}


class HostAllowList:
    """ASGI middleware: 403 for a Host header that is not this machine or the server's own address."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.hosts = tuple(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            header = next((v for k, v in scope.get("headers", []) if k == b"host"), None)
            if header is not None and not allowed_host(host_name(header.decode("latin-1")), self.hosts):
                await plain_response(send, 403, "this server answers only requests addressed to 127.0.0.1, localhost "
                                                "or the address given to --host")
                return
        await self.app(scope, receive, send)


class PageHeaders:
    """ASGI middleware: a Content-Security-Policy, X-Frame-Options: DENY and nosniff on every response."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = (VIEW_POLICY if scope.get("path") == "/graph.html" else PAGE_POLICY).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in (b"content-security-policy", b"x-frame-options", b"x-content-type-options")]
                headers += [(b"content-security-policy", policy), (b"x-frame-options", b"DENY"),
                            (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def guarded_h11_protocol(header_timeout: float | None = None, max_idle: int | None = None) -> type:
    """uvicorn's h11 protocol class with a deadline for the request line and headers (408, then close), and a
    cap on connections waiting for a request (the oldest idle one is closed to make room)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    deadline = header_timeout or HEADER_TIMEOUT
    idle_cap = max_idle or MAX_IDLE_CONNECTIONS
    answer = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
              b"content-length: %d\r\n\r\n%s")
    message = f"the request line and headers did not arrive within {deadline:g} s\n".encode()

    class GuardedH11Protocol(H11Protocol):
        """H11Protocol that closes a connection whose request headers take longer than the deadline."""

        _header_timer: asyncio.TimerHandle | None = None
        _idle_since = 0.0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._idle_since = self.loop.time()
            self._arm()
            self._make_room()

        def _make_room(self) -> None:
            """Close the oldest connections that wait for a request while there are more than the cap."""
            idle = [c for c in self.server_state.connections
                    if isinstance(c, GuardedH11Protocol) and c is not self and c._awaiting_headers()
                    and not c.transport.is_closing()]
            for stale in sorted(idle, key=lambda c: c._idle_since)[: max(len(idle) + 1 - idle_cap, 0)]:
                stale._disarm()
                stale.transport.close()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._awaiting_headers():
                self._arm()  # a new request starts: the clock runs from its first byte, never restarts
            else:
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._idle_since = self.loop.time()
            self._disarm()  # idle keep-alive connections are uvicorn's timeout_keep_alive

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _awaiting_headers(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _arm(self) -> None:
            if self._header_timer is None:
                self._header_timer = self.loop.call_later(deadline, self._expired)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _expired(self) -> None:
            self._header_timer = None
            if self._awaiting_headers() and not self.transport.is_closing():
                self.transport.write(answer % (len(message), message))
                self.transport.close()

    return GuardedH11Protocol
