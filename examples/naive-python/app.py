"""A tiny web app for the whittle quick start: answers every GET with a greeting."""
from http.server import BaseHTTPRequestHandler, HTTPServer

import requests  # noqa: F401  (the pinned dependency the Dockerfile installs)


class Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"hello from a whittled image\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", 8000), Hello).serve_forever()
