"""The WSGI application: routes a request to its view."""
from shop.urls import urlpatterns


def application(environ, start_response):
    view = urlpatterns.get(environ.get("PATH_INFO", "/"))
    if view is None:
        status, content_type, body = "404 Not Found", "text/plain", "not found\n"
    else:
        status, content_type, body = view(environ)
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]
