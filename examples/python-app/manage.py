#!/usr/bin/env python3
"""Django-style entry point: `manage.py runserver [HOST:PORT]`, `manage.py check`."""
import os
import sys


def main(argv):
    os.environ.setdefault("SHOP_SETTINGS_MODULE", "shop.settings")
    from shop.management import execute_from_command_line

    return execute_from_command_line(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
