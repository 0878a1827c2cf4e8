"""The socket side: a standard-library ThreadingHTTPServer that turns HTTP requests into
`Request` values for `App.handle` and writes its `Response` back (streamed bodies included).

What reaches `App` has been checked here: the request target is ASCII without control characters
and with well-formed percent-encoding (else 400), a body is at most `max_request_bytes` (else 413,
also in answer to `Expect: 100-continue`), and the request line and headers are bounded by the
standard library (414, 431). Connections idle for `connection_timeout` are closed, and at most
`max_connections` are served at once (more get 503 with `Retry-After`)."""

from __future__ import annotations

import logging
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from .app import App, Request, Response, error

log = logging.getLogger("ratsgraph.serve")

_BAD_TARGET = re.compile(r"[^\x21-\x7e]")  # controls, space, DEL and anything not ASCII
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_ABSOLUTE = re.compile(r"^https?://[^/?#]*", re.IGNORECASE)
#: A refused body up to this size is read and thrown away, so that the client reads the 413.
_DRAIN_BYTES = 16 << 20


def split_target(target: str) -> tuple[str, str] | Response:
    """(path, query string) of a request target, or an error response: the target must be
    origin-form (`/path?query`), absolute-form (`http://host/path`) or `*`."""
    if _BAD_TARGET.search(target):
        return error(400, "request", "the request target must be ASCII without spaces or control "
                     "characters (percent-encode them)")
    if _BAD_PERCENT.search(target):
        return error(400, "request", "malformed percent-encoding in the request target "
                     "(% must be followed by two hexadecimal digits)")
    absolute = _ABSOLUTE.match(target)
    if absolute:
        target = target[absolute.end():] or "/"
    target = target.partition("#")[0]
    if target == "*":
        return "*", ""
    if not target.startswith("/"):
        return error(400, "request", "the request target must start with /")
    path, _, query = target.partition("?")
    return path, query


class Handler(BaseHTTPRequestHandler):
    server: Server
    server_version = "ratsgraph"
    protocol_version = "HTTP/1.1"
    # headers and body leave in separate writes; with Nagle's algorithm the second waits for the
    # client's delayed ACK (~40 ms on every keep-alive request)
    disable_nagle_algorithm = True

    def setup(self) -> None:
        self.timeout = self.server.app.settings.connection_timeout  # idle connections are closed
        super().setup()

    def _limit(self) -> int:
        return self.server.app.settings.max_request_bytes

    def _length(self) -> int | Response:
        value = self.headers.get("content-length")
        if value is None:
            return 0
        value = value.strip()
        if not value.isdigit():
            return error(400, "request", "Content-Length is not a number")
        return int(value)

    def handle_expect_100(self) -> bool:
        """Refuse a body that is too large before the client sends it."""
        length = self._length()
        if isinstance(length, int) and length > self._limit():
            self.close_connection = True
            self._write(self._too_large(length), head=False)
            return False
        return super().handle_expect_100()

    def _too_large(self, length: int) -> Response:
        return error(413, "too-large", f"the request body has {length} bytes; at most {self._limit()} "
                     "are accepted", [("Connection", "close")])

    def _discard(self, length: int) -> None:
        """Read and drop a body (so the client is not reset before it reads our answer)."""
        remaining = min(length, _DRAIN_BYTES)
        try:
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 1 << 16))
                if not chunk:
                    break
                remaining -= len(chunk)
        except OSError:
            pass

    def _request(self) -> Request | Response:
        headers = {k.lower(): v for k, v in self.headers.items()}
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return error(411, "length-required", "send the body with a Content-Length",
                         [("Connection", "close")])
        length = self._length()
        if isinstance(length, Response):
            return length
        if length > self._limit():
            self._discard(length)
            return self._too_large(length)
        try:
            body = self.rfile.read(length) if length > 0 else b""
        except TimeoutError:
            return error(408, "request", f"the body of {length} bytes did not arrive within "
                         f"{self.server.app.settings.connection_timeout:g} s")
        if len(body) < length:
            return error(400, "request", f"the body ended after {len(body)} of {length} bytes")
        if self.command != "POST":
            body = b""  # read to keep the connection in step; only POST bodies mean anything
        target = split_target(self.path)
        if isinstance(target, Response):
            return target
        path, query = target
        try:
            params = parse_qs(query, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            return error(400, "request", "the query string is not UTF-8")
        except ValueError as err:
            return error(400, "request", f"the query string cannot be read: {err}")
        return Request(self.command, path, params, headers, body)

    def _serve(self) -> None:
        request = self._request()
        if isinstance(request, Response):
            self.close_connection = True
            response = request
            head = False
        else:
            response = self.server.app.handle(request)
            head = request.method == "HEAD"
        self._write(response, head)

    def _write(self, response: Response, head: bool) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        streamed = not isinstance(response.body, bytes)
        names = {name.lower() for name, _ in response.headers}
        for name, value in response.headers:
            self.send_header(name, value)
        if "connection" in names:
            self.close_connection = True
        if not streamed:
            if "content-length" not in names:
                self.send_header("Content-Length", str(len(response.body)))  # type: ignore[arg-type]
        elif "content-length" not in names:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if head:
            return
        if not streamed:
            self.wfile.write(response.body)  # type: ignore[arg-type]
            return
        chunked = "content-length" not in names
        chunks = response.body
        try:
            for chunk in chunks:  # type: ignore[union-attr]
                if not chunk:
                    continue
                if chunked:
                    self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                else:
                    self.wfile.write(chunk)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True
        except Exception as err:
            log.warning("stream of %s stopped: %s", self.path[:200], err)
            self.close_connection = True
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()

    do_GET = do_POST = do_HEAD = do_OPTIONS = do_PUT = do_DELETE = do_PATCH = _serve

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors found by the standard library (request line too long, bad syntax, too many
        headers) as one line of text, like the server's own."""
        try:
            short, _ = self.responses[code]
        except KeyError:
            short = "error"
        self.log_error("code %d, message %s", code, message or short)
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # the request line did not parse: answer in HTTP/1.0
            self.request_version = "HTTP/1.0"
        self._write(error(code, "request", message or short, [("Connection", "close")]),
                    head=self.command == "HEAD")

    def log_message(self, format: str, *args: object) -> None:
        log.info("%s %s", self.address_string(), format % args)


_BUSY_BODY = b"ratsgraph: busy: too many connections at once; try again in a moment\n"
_BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
         b"X-Ratsgraph-Error: busy\r\nRetry-After: 2\r\nConnection: close\r\n"
         b"Content-Length: %d\r\n\r\n%s" % (len(_BUSY_BODY), _BUSY_BODY))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: bursts of clients wait instead of being dropped

    def __init__(self, app: App, host: str, port: int) -> None:
        self.app = app
        self._slots = threading.BoundedSemaphore(app.settings.max_connections)
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            try:
                request.settimeout(1.0)
                request.sendall(_BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        import sys

        err = sys.exc_info()[1]
        if isinstance(err, (ConnectionError, TimeoutError, socket.timeout)):
            log.debug("connection from %s ended: %s", client_address, err)
            return
        log.exception("error on a connection from %s", client_address)


def make_server(app: App, host: str = "127.0.0.1", port: int = 0) -> Server:
    """Bind (port 0: a free port, see `Server.url`); the caller runs `serve_forever`."""
    return Server(app, host, port)
