"""Builds the pgclient C extension against libpq (headers from libpq-dev, found with pg_config)."""
import subprocess

from setuptools import Extension, setup


def pg_config(flag):
    try:
        return subprocess.check_output(["pg_config", flag], text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return None


include_dir = pg_config("--includedir") or "/usr/include/postgresql"
lib_dir = pg_config("--libdir")

setup(
    ext_modules=[
        Extension(
            "pgclient",
            sources=["pgclient.c"],
            include_dirs=[include_dir],
            library_dirs=[lib_dir] if lib_dir else [],
            libraries=["pq"],
        )
    ],
)
