"""Views: plain functions from a request environ to (status, content type, body)."""
import json

import pgclient

from shop import settings

PRODUCTS = [
    {"id": 1, "name": "whittling knife", "price_cents": 2400},
    {"id": 2, "name": "basswood block", "price_cents": 350},
]


def health(environ):
    body = {"status": "ok", "version": settings.VERSION, "libpq": pgclient.libpq_version()}
    return "200 OK", "application/json", json.dumps(body)


def products(environ):
    return "200 OK", "application/json", json.dumps(PRODUCTS)


def index(environ):
    return "200 OK", "text/plain; charset=utf-8", "whittle shop: see /products and /healthz\n"
