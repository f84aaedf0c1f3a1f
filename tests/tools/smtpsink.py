#!/usr/bin/env python3
"""smtpsink.py - an SMTP server on the loopback that keeps what it is sent:
the test's mail sink behind msmtp (t0081). It binds 127.0.0.1 on a free
port the kernel picks, writes that port to --port-file once it listens, and
stores each message as DIR/mail.N (the envelope's recipients as X-Rcpt-To
lines, then the data, un-dot-stuffed). --fail-first N answers the first N
messages' DATA with 451 (a temporary failure). Runs until killed."""
import argparse
import os
import socketserver


class Handler(socketserver.StreamRequestHandler):
    def say(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        srv = self.server
        rcpts = []
        self.say("220 smtpsink ESMTP")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            cmd = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.say("250-smtpsink")
                self.say("250-8BITMIME")
                self.say("250 SIZE 10485760")
            elif verb == "HELO":
                self.say("250 smtpsink")
            elif verb == "MAIL":
                rcpts = []
                self.say("250 OK")
            elif verb == "RCPT":
                rcpts.append(cmd.split(":", 1)[1].strip().strip("<>"))
                self.say("250 OK")
            elif verb == "DATA":
                self.say("354 go on")
                lines = []
                while True:
                    line = self.rfile.readline()
                    if not line or line in (b".\r\n", b".\n"):
                        break
                    if line.startswith(b".."):
                        line = line[1:]
                    lines.append(line)
                srv.count += 1
                if srv.count <= srv.fail_first:
                    self.say("451 try again later")
                    continue
                path = os.path.join(srv.dir, "mail.%d" % srv.count)
                with open(path + ".tmp", "wb") as f:
                    for r in rcpts:
                        f.write(("X-Rcpt-To: %s\r\n" % r).encode())
                    f.write(b"".join(lines))
                os.rename(path + ".tmp", path)
                self.say("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.say("250 OK")
            elif verb == "QUIT":
                self.say("221 bye")
                return
            else:
                self.say("502 not implemented")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--fail-first", type=int, default=0)
    a = ap.parse_args()
    srv = socketserver.TCPServer(("127.0.0.1", 0), Handler)
    srv.dir, srv.count, srv.fail_first = a.dir, 0, a.fail_first
    with open(a.port_file + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(a.port_file + ".tmp", a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
