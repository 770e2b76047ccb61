"""A mail server on 127.0.0.1 that accepts every message and counts it (RFC 5321,
the few commands Odoo's SMTP client sends). Nothing leaves the machine."""

import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def _reply(self, line):
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self._reply("220 load-suite ESMTP")
        in_data = False
        while True:
            raw = self.rfile.readline(65536)
            if not raw:
                return
            if in_data:
                if raw in (b".\r\n", b".\n"):
                    in_data = False
                    with self.server.lock:
                        self.server.messages += 1
                    self._reply("250 OK queued")
                continue
            command = raw.decode("ascii", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self._reply("250 load-suite")
            elif command.startswith("DATA"):
                in_data = True
                self._reply("354 End data with <CR><LF>.<CR><LF>")
            elif command.startswith("QUIT"):
                self._reply("221 Bye")
                return
            else:  # MAIL FROM, RCPT TO, RSET, NOOP
                self._reply("250 OK")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host="127.0.0.1", port=0):
        super().__init__((host, port), _Handler)
        self.lock = threading.Lock()
        self.messages = 0

    @property
    def port(self):
        return self.server_address[1]

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.shutdown()
        self.server_close()
