"""What every ``cobuild`` command shares: the ``--store`` option and the error sentence."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps

import click

from graphmodel.errors import CobuildError
from graphmodel.store import DEFAULT_STORE_URL

store_option = click.option(
    "--store",
    "store_url",
    envvar="COBUILD_STORE",
    default=DEFAULT_STORE_URL,
    show_default=True,
    help="Store URL (sqlite:///file.db or bolt://user:password@host:7687).",
)


def reports_errors(command: Callable) -> Callable:
    """Turn the project's errors into one clear sentence and exit status 1."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except CobuildError as exc:
            click.echo(f"cobuild: {exc}", err=True)
            sys.exit(1)

    return wrapper
