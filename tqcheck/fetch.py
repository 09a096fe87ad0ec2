"""Fetching one http(s) URL with limits: ``fetch(url)`` returns the body, or raises ``FetchError`` with
one line that names the URL and what happened.

Why ``urllib.request`` and not requests or httpx: one GET with a size limit, a deadline, a redirect
limit and gzip needs nothing else, and tqcheck's core install stays light (requests brings four
packages, httpx five). The opener is built by hand with only the http and https handlers, so
``file:``, ``ftp:`` and ``data:`` URLs are never opened, not even through a redirect.

Limits:

- ``max_bytes``: a ``Content-Length`` over it is refused before the body is read; otherwise the body is
  read in chunks and reading stops at ``max_bytes + 1`` bytes. A gzip body is decompressed in bounded
  steps and the decompressed size has the same limit (a gzip bomb hits the limit, not the memory).
- ``timeout``: every socket operation (connect, each read) waits at most ``timeout`` seconds, and the
  whole fetch, redirects and headers included, is over after ``timeout`` seconds: each read is given
  only the time left, so a server that trickles one byte a second still times out. (Name resolution
  is the system resolver's and is not bounded by it.)
- at most ``max_redirects`` redirects, to http(s) URLs only.
"""

from __future__ import annotations

import http.client
import io
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message

from . import __version__
from .errors import TqcheckError

__all__ = ["DEFAULT_USER_AGENT", "FetchError", "Fetched", "fetch"]

DEFAULT_USER_AGENT = f"tqcheck/{__version__} (translation-quality checker)"
_CHUNK = 64 * 1024


class FetchError(TqcheckError):
    """A URL that could not be fetched; the message is one line naming the URL."""


@dataclass(frozen=True)
class Fetched:
    """A fetched body. ``url`` is the final URL (after redirects); ``data`` the body, decompressed;
    ``content_type`` the media type without parameters (``text/html``), ``charset`` the
    ``Content-Type``'s charset, lowercase, each None when the server sent none."""

    url: str
    data: bytes
    content_type: str | None = None
    charset: str | None = None


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# --- a socket that knows the deadline ----------------------------------------------------------------


class _DeadlineSocket:
    """Wraps a connected socket: every read waits at most the per-operation timeout and never past the
    deadline of the whole fetch."""

    def __init__(self, sock: socket.socket, timeout: float, deadline: float) -> None:
        self._sock = sock
        self._timeout = timeout
        self._deadline = deadline

    def _arm(self) -> None:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        self._sock.settimeout(min(self._timeout, left))

    def recv_into(self, buffer, *args):
        self._arm()
        return self._sock.recv_into(buffer, *args)

    def recv(self, *args):
        self._arm()
        return self._sock.recv(*args)

    def makefile(self, mode: str = "r", buffering: int | None = None, **_: object) -> io.BufferedReader:
        # what socket.makefile("rb") does, reading through this wrapper
        if mode != "rb":
            raise ValueError(f"unsupported mode {mode!r}")
        raw = socket.SocketIO(self, "rb")  # type: ignore[arg-type]
        self._sock._io_refs += 1  # type: ignore[attr-defined]
        return io.BufferedReader(raw, buffering if buffering and buffering > 0 else io.DEFAULT_BUFFER_SIZE)

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


def _connection_class(base: type[http.client.HTTPConnection], timeout: float, deadline: float):
    class Connection(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("deadline passed")
            self.timeout = min(timeout, left)
            super().connect()
            self.sock = _DeadlineSocket(self.sock, timeout, deadline)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, timeout: float, deadline: float) -> None:
        super().__init__()
        self._conn = _connection_class(http.client.HTTPConnection, timeout, deadline)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._conn, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, timeout: float, deadline: float) -> None:
        super().__init__(context=ssl.create_default_context())
        self._conn = _connection_class(http.client.HTTPSConnection, timeout, deadline)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._conn, req, context=self._context)  # type: ignore[attr-defined]


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, url: str, limit: int) -> None:
        super().__init__()
        self._url = url
        self._limit = limit
        # urllib's own loop detection raises a multi-line error: ours comes first
        self.max_repeats = self.max_redirections = limit + 1

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri")
        if location:
            newurl = urllib.parse.urljoin(req.full_url, location.strip())
            scheme = urllib.parse.urlsplit(newurl).scheme.lower()
            if scheme not in ("http", "https"):
                fp.close()
                raise FetchError(f"{self._url}: redirected to a '{scheme}:' URL ({_one_line(newurl)}), refused")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        count = getattr(req, "tq_redirects", 0) + 1
        if count > self._limit:
            fp.close()
            raise FetchError(f"{self._url}: too many redirects (more than {self._limit})")
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.tq_redirects = count  # type: ignore[attr-defined]
        return new


# --- the fetch ---------------------------------------------------------------------------------------


def _iri_to_uri(url: str) -> str:
    """Percent-encode what http.client refuses (non-ASCII paths, spaces); IDNA-encode the host."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise FetchError(f"{url}: invalid host name") from None
        netloc = host
        if parts.port:
            netloc += f":{parts.port}"
        if parts.username:
            netloc = "@" + netloc
        parts = parts._replace(netloc=netloc)
    safe = "/:@!$&'()*+,;=-._~%"
    return urllib.parse.urlunsplit((
        parts.scheme,
        parts.netloc,
        urllib.parse.quote(parts.path, safe=safe),
        urllib.parse.quote(parts.query, safe=safe + "?"),
        "",  # the fragment is not sent
    ))


def _reason(url: str, exc: BaseException, timeout: float) -> str:
    """One line for a failure below HTTP."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"{url}: timed out after {timeout:g} s"
    if isinstance(exc, socket.gaierror):
        host = urllib.parse.urlsplit(url).hostname
        return f"{url}: cannot resolve host '{host}' ({_one_line(exc.strerror or exc)})"
    if isinstance(exc, ConnectionRefusedError):
        return f"{url}: connection refused"
    if isinstance(exc, ConnectionResetError):
        return f"{url}: connection reset by the server"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"{url}: TLS certificate not accepted ({_one_line(exc.verify_message or exc)})"
    if isinstance(exc, ssl.SSLError):
        return f"{url}: TLS error ({_one_line(exc.reason or exc)})"
    if isinstance(exc, http.client.InvalidURL):
        return f"{url}: invalid URL ({_one_line(exc)})"
    if isinstance(exc, http.client.IncompleteRead):
        return f"{url}: connection closed before the whole body was sent"
    if isinstance(exc, http.client.HTTPException):
        detail = _one_line(str(exc)) or type(exc).__name__
        return f"{url}: bad HTTP response ({detail})"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{url}: {_one_line(exc.strerror)}"
    if isinstance(exc, urllib.error.URLError):
        return f"{url}: {_one_line(exc.reason)}"
    return f"{url}: {_one_line(str(exc)) or type(exc).__name__}"


def _too_big(url: str, max_bytes: int, what: str = "the body") -> FetchError:
    return FetchError(f"{url}: {what} is over the {max_bytes} byte limit, not fetched")


def _read(resp: http.client.HTTPResponse, url: str, max_bytes: int, encoding: str) -> bytes:
    """The body, read in chunks, at most ``max_bytes``; gzip and deflate decompressed in bounded steps."""
    if encoding in ("gzip", "x-gzip", "deflate"):
        decomp = zlib.decompressobj(47 if encoding != "deflate" else 15)
    elif encoding in ("", "identity"):
        decomp = None
    else:
        raise FetchError(f"{url}: unsupported Content-Encoding '{encoding}'")
    out = bytearray()
    received = 0
    while True:
        chunk = resp.read1(_CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise _too_big(url, max_bytes)
        if decomp is None:
            out += chunk
            continue
        data = chunk
        while data:
            try:
                piece = decomp.decompress(data, max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise FetchError(f"{url}: {encoding} body is corrupt ({_one_line(exc)})") from None
            out += piece
            if len(out) > max_bytes:
                raise _too_big(url, max_bytes, "the decompressed body")
            data = decomp.unconsumed_tail
            if decomp.eof:
                break
    if resp.length:  # what Content-Length promised did not all come
        raise FetchError(f"{url}: connection closed before the whole body was sent "
                         f"({received} of {received + resp.length} bytes)")
    if decomp is not None:
        try:
            out += decomp.flush(max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise FetchError(f"{url}: {encoding} body is corrupt ({_one_line(exc)})") from None
        if len(out) > max_bytes:
            raise _too_big(url, max_bytes, "the decompressed body")
        if not decomp.eof and received:
            raise FetchError(f"{url}: {encoding} body is cut short")
    return bytes(out)


def fetch(
    url: str,
    *,
    timeout: float = 10.0,
    max_bytes: int = 16 * 1024 * 1024,
    user_agent: str = DEFAULT_USER_AGENT,
    max_redirects: int = 10,
) -> Fetched:
    """GET ``url`` (http or https) within the limits of the module docstring."""
    if any(ch in url for ch in "\r\n\t\0"):
        raise FetchError(f"{url!r}: invalid URL (control characters)")
    try:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
    except ValueError as exc:
        raise FetchError(f"{url}: invalid URL ({_one_line(exc)})") from None
    if scheme not in ("http", "https"):
        if not scheme or "://" not in url:
            raise FetchError(f"{url}: not an http(s) URL")
        raise FetchError(f"{url}: '{scheme}:' URLs are refused (tqcheck fetches http and https URLs only)")
    try:
        request_url = _iri_to_uri(url)
    except ValueError as exc:
        raise FetchError(f"{url}: invalid URL ({_one_line(exc)})") from None
    if not urllib.parse.urlsplit(request_url).hostname:
        raise FetchError(f"{url}: invalid URL (no host)")
    deadline = time.monotonic() + timeout
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        _HTTPHandler(timeout, deadline),
        _HTTPSHandler(timeout, deadline),
        _Redirects(url, max_redirects),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.HTTPDefaultErrorHandler(),
    ):
        opener.add_handler(handler)
    request = urllib.request.Request(request_url, headers={
        "User-Agent": user_agent,
        "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
                  "application/xml;q=0.9, text/*;q=0.8, */*;q=0.5",
        "Accept-Encoding": "gzip",
    })
    try:
        with opener.open(request, timeout=timeout) as resp:
            headers: Message = resp.headers
            final = resp.geturl()
            length = headers.get("Content-Length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise FetchError(f"{url}: the body is {int(length)} bytes, over the {max_bytes} byte limit, "
                                 "not fetched")
            encoding = (headers.get("Content-Encoding") or "").strip().lower()
            data = _read(resp, url, max_bytes, encoding)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()
        at = f" (at {exc.url})" if exc.url and exc.url not in (url, request_url) else ""
        raise FetchError(f"{url}: HTTP {exc.code} {_one_line(exc.reason or '')}".rstrip() + at) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError is an OSError
        raise FetchError(_reason(url, exc, timeout)) from None
    content_type = headers.get_content_type() if headers.get("Content-Type") else None
    charset = headers.get_content_charset() if content_type else None
    return Fetched(final, data, content_type, charset.lower() if charset else None)
