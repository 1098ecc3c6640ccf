"""The preview server prints nothing when a browser goes away mid-answer, and still prints real errors."""
import socket
import http.server
import threading
import time

from dvk.tools.devserver import QuietServer


class Slow(http.server.BaseHTTPRequestHandler):
    """Answers with more than a socket buffer holds, so a client that has gone breaks the write."""

    def do_GET(self):
        if self.path == "/boom":
            raise ValueError("a real bug in the handler")
        self.send_response(200)
        self.end_headers()
        time.sleep(0.2)                       # the client closes meanwhile
        for _ in range(200):
            self.wfile.write(b"x" * 65536)

    def log_message(self, *args):
        pass


def run(path):
    server = QuietServer(("127.0.0.1", 0), Slow)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = socket.create_connection(server.server_address)
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # reset on close
        client.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
        if path == "/boom":
            client.recv(1)
        client.close()
        time.sleep(0.6)
    finally:
        server.shutdown()
        server.server_close()


def test_a_browser_going_away_mid_answer_prints_nothing(capsys):
    run("/page")
    assert capsys.readouterr().err == ""


def test_a_real_error_is_still_printed(capsys):
    run("/boom")
    err = capsys.readouterr().err
    assert "Exception occurred during processing of request" in err and "a real bug in the handler" in err
