"""The commands manage.py understands."""
import sys
from wsgiref.simple_server import WSGIRequestHandler, make_server

from shop import settings


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (wsgiref's signature)
        sys.stderr.write("%s %s\n" % (self.address_string(), format % args))


def runserver(address):
    host, _, port = address.rpartition(":")
    from shop.wsgi import application

    with make_server(host or "0.0.0.0", int(port), application, handler_class=QuietHandler) as server:
        print("serving on http://%s:%s/" % (host or "0.0.0.0", port), flush=True)
        server.serve_forever()


def check():
    import pgclient

    print("shop %s ok, libpq %d" % (settings.VERSION, pgclient.libpq_version()))
    return 0


def execute_from_command_line(argv):
    command = argv[1] if len(argv) > 1 else "help"
    if command == "runserver":
        runserver(argv[2] if len(argv) > 2 else settings.BIND)
        return 0
    if command == "check":
        return check()
    print("usage: manage.py runserver [HOST:PORT] | check", file=sys.stderr)
    return 2
