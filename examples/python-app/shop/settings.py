"""Settings read from the environment, as twelve-factor apps (and Django projects) do."""
import os

DEBUG = os.environ.get("SHOP_DEBUG", "0") == "1"
ALLOWED_HOSTS = os.environ.get("SHOP_ALLOWED_HOSTS", "*").split(",")
DATABASE_URL = os.environ.get("DATABASE_URL", "postgresql://shop@db:5432/shop")
BIND = os.environ.get("SHOP_BIND", "0.0.0.0:8000")
VERSION = "1.4.2"
