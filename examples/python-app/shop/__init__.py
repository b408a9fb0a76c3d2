"""A small Django-style WSGI shop front: settings, URL routes, views, a health endpoint."""
