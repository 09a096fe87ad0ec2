"""tqcheck.fetch against a local HTTP server (127.0.0.1, a free port, a thread): never the network."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tqcheck.errors import TqcheckError
from tqcheck.fetch import Fetched, FetchError, fetch

PAGE = "<html><head><title>T</title></head><body><p>Kyiv \u2014 news</p></body></html>".encode()
STOP = threading.Event()
BOMB = gzip.compress(b"\0" * (20 * 1024 * 1024), compresslevel=6)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the connection closes after each response: a body without a length ends there

    def log_message(self, *args) -> None:  # quiet
        pass

    def send(self, code: int, body: bytes, headers: dict[str, str] | None = None, *, length: bool = True) -> None:
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        try:
            self.route()
        except OSError:  # the client gave up (a timeout test): nothing to do
            pass

    def route(self) -> None:
        path = self.path
        if path == "/ok":
            self.send(200, PAGE, {"Content-Type": "text/html; charset=UTF-8", "X-UA": self.headers["User-Agent"]})
        elif path == "/plain":
            self.send(200, b"just text", {})
        elif path == "/404":
            self.send(404, b"<h1>Not here</h1>", {"Content-Type": "text/html"})
        elif path == "/500":
            self.send(500, b"oops", {"Content-Type": "text/plain"})
        elif path == "/redirect":
            self.send(302, b"", {"Location": "/ok"})
        elif path.startswith("/hop"):
            n = int(path[4:] or 0)
            self.send(301, b"", {"Location": f"/hop{n + 1}" if n < 3 else "/ok"})
        elif path == "/loop":
            self.send(302, b"", {"Location": "/loop"})
        elif path == "/to-file":
            self.send(302, b"", {"Location": "file:///etc/passwd"})
        elif path == "/to-ftp":
            self.send(302, b"", {"Location": "ftp://example.com/x"})
        elif path == "/sleep":
            STOP.wait(3)
            self.send(200, PAGE)
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                if STOP.wait(0.05):
                    return
        elif path == "/trickle-headers":
            self.wfile.write(b"HTTP/1.0 200 OK\r\n")
            for i in range(100):
                self.wfile.write(f"X-Slow-{i}: y\r\n".encode())
                self.wfile.flush()
                if STOP.wait(0.05):
                    return
        elif path == "/big-length":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            self.wfile.write(b"x" * 1000)
        elif path == "/big-no-length":
            self.send(200, b"y" * 200_000, {"Content-Type": "text/plain"}, length=False)
        elif path == "/short":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"z" * 10)
        elif path == "/gzip":
            self.send(200, gzip.compress(PAGE), {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        elif path == "/gzip-bomb":
            self.send(200, BOMB, {"Content-Type": "text/html", "Content-Encoding": "gzip"})
        elif path == "/bad-gzip":
            self.send(200, b"not gzip at all", {"Content-Encoding": "gzip"})
        elif path == "/brotli":
            self.send(200, b"\x0b\x02\x80", {"Content-Encoding": "br"})
        elif path == "/feed":
            self.send(200, b"<rss/>", {"Content-Type": "application/rss+xml; charset=windows-1251"})
        else:
            self.send(404, b"")


@pytest.fixture(scope="module")
def server():
    STOP.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        STOP.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")


def one_line_error(url: str, **kwargs) -> str:
    with pytest.raises(FetchError) as info:
        fetch(url, **kwargs)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(url)
    return message


def test_ok(server):
    got = fetch(server + "/ok")
    assert isinstance(got, Fetched)
    assert got.data == PAGE
    assert got.url == server + "/ok"
    assert got.content_type == "text/html"
    assert got.charset == "utf-8"


def test_user_agent_and_missing_content_type(server):
    got = fetch(server + "/plain")
    assert got.data == b"just text"
    assert got.content_type is None and got.charset is None
    got = fetch(server + "/feed")
    assert got.content_type == "application/rss+xml" and got.charset == "windows-1251"


@pytest.mark.parametrize(("path", "status"), [("/404", "HTTP 404 Not Found"), ("/500", "HTTP 500 Internal Server Error")])
def test_http_errors(server, path, status):
    assert one_line_error(server + path) == f"{server}{path}: {status}"


def test_redirects_followed(server):
    assert fetch(server + "/redirect").url == server + "/ok"
    got = fetch(server + "/hop0")
    assert got.url == server + "/ok" and got.data == PAGE


def test_too_many_redirects(server):
    assert "too many redirects" in one_line_error(server + "/loop")
    assert "too many redirects (more than 2)" in one_line_error(server + "/hop0", max_redirects=2)


@pytest.mark.parametrize("path", ["/to-file", "/to-ftp"])
def test_redirect_to_other_scheme_refused(server, path):
    assert "refused" in one_line_error(server + path)


def test_timeout(server):
    start = time.monotonic()
    assert one_line_error(server + "/sleep", timeout=0.5).endswith("timed out after 0.5 s")
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_slow_trickle_hits_the_overall_deadline(server, path):
    start = time.monotonic()
    assert one_line_error(server + path, timeout=0.6).endswith("timed out after 0.6 s")
    assert time.monotonic() - start < 2


def test_over_the_size_limit_by_content_length(server):
    message = one_line_error(server + "/big-length", max_bytes=1000)
    assert f"{50 * 1024 * 1024} bytes, over the 1000 byte limit" in message


def test_over_the_size_limit_without_content_length(server):
    assert "over the 10000 byte limit" in one_line_error(server + "/big-no-length", max_bytes=10_000)
    assert len(fetch(server + "/big-no-length", max_bytes=200_000).data) == 200_000


def test_body_cut_short(server):
    assert "connection closed before the whole body" in one_line_error(server + "/short")


def test_gzip(server):
    got = fetch(server + "/gzip")
    assert got.data == PAGE


def test_gzip_bomb_hits_the_limit_not_the_memory(server):
    assert len(BOMB) < 1024 * 1024
    message = one_line_error(server + "/gzip-bomb", max_bytes=1024 * 1024)
    assert "decompressed body is over the 1048576 byte limit" in message


def test_bad_and_unknown_encodings(server):
    assert "gzip body is corrupt" in one_line_error(server + "/bad-gzip")
    assert "unsupported Content-Encoding 'br'" in one_line_error(server + "/brotli")


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_connection_refused(scheme):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"{scheme}://127.0.0.1:{port}/x"
    assert one_line_error(url) == f"{url}: connection refused"


def test_https_to_a_plain_http_server_is_a_tls_error(server):
    url = server.replace("http://", "https://") + "/ok"
    message = one_line_error(url, timeout=2)
    assert "TLS error" in message or "connection" in message


def test_dns_failure(monkeypatch):
    def fail(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fail)
    message = one_line_error("http://no-such-host.invalid/feed")
    assert message == "http://no-such-host.invalid/feed: cannot resolve host 'no-such-host.invalid' " \
                      "(Name or service not known)"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("file:///etc/passwd", "'file:' URLs are refused"),
        ("ftp://example.com/feed.xml", "'ftp:' URLs are refused"),
        ("data:text/html,<p>x</p>", "not an http(s) URL"),
        ("example.com/feed", "not an http(s) URL"),
        ("http:///nohost", "no host"),
        ("http://exa mple.com/", "invalid URL"),
        ("http://[::1/", "invalid URL"),
    ],
)
def test_other_schemes_refused(url, expected):
    message = one_line_error(url)
    assert expected in message


def test_fetch_error_is_a_tqcheck_error():
    assert issubclass(FetchError, TqcheckError)


def test_non_ascii_url_is_encoded(server):
    assert "HTTP 404" in one_line_error(server + "/новини?q=Київ")
