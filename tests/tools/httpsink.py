#!/usr/bin/env python3
"""httpsink.py - an HTTP listener on the loopback standing in for the WeChat
Work robot's webhook (t0081). It binds 127.0.0.1 on a free port the kernel
picks, writes that port to --port-file once it listens, and stores each
POST as DIR/post.N (its body) and DIR/path.N (its path and query). It
answers {"errcode":0,"errmsg":"ok"}, but: --fail-first N answers the first
N requests with HTTP 502 (a gateway down), --refuse-first N the next N with
200 and {"errcode":45009,...} (the robot's rate limit). Runs until killed."""
import argparse
import os
from http.server import BaseHTTPRequestHandler, HTTPServer


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        srv = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        srv.count += 1
        n = srv.count
        with open(os.path.join(srv.dir, "path.%d" % n), "w") as f:
            f.write(self.path + "\n")
        with open(os.path.join(srv.dir, "ctype.%d" % n), "w") as f:
            f.write((self.headers.get("Content-Type") or "") + "\n")
        with open(os.path.join(srv.dir, "post.%d" % n), "wb") as f:
            f.write(body)
        if n <= srv.fail_first:
            status, answer = 502, b"<html>502 Bad Gateway</html>"
        elif n <= srv.fail_first + srv.refuse_first:
            status, answer = 200, b'{"errcode":45009,"errmsg":"api freq out of limit"}'
        else:
            status, answer = 200, b'{"errcode":0,"errmsg":"ok"}'
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--fail-first", type=int, default=0)
    ap.add_argument("--refuse-first", type=int, default=0)
    a = ap.parse_args()
    srv = HTTPServer(("127.0.0.1", 0), Handler)
    srv.dir, srv.count = a.dir, 0
    srv.fail_first, srv.refuse_first = a.fail_first, a.refuse_first
    with open(a.port_file + ".tmp", "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(a.port_file + ".tmp", a.port_file)
    srv.serve_forever()


if __name__ == "__main__":
    main()
