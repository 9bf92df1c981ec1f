"""``cobuild users``: create and list accounts, reset a password.

An account needs no running service: the commands write the accounts file
(``--accounts``, default ``$COBUILD_ACCOUNTS`` or ``var/accounts.db``).
"""

from __future__ import annotations

import sys

import click

from ..accounts import ROLES, Accounts
from ..errors import AccountError

accounts_option = click.option(
    "--accounts",
    "accounts_path",
    envvar="COBUILD_ACCOUNTS",
    default="var/accounts.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Accounts file (users, sessions, audit log).",
)


def open_accounts(path: str) -> Accounts:
    """The accounts file at ``path`` (created when missing)."""
    return Accounts(path)


def hand_over(name: str, password: str) -> None:
    """Print a one-time password once, with what the user must do with it."""
    click.echo(f"一次性密码 one-time password for {name}: {password}")
    click.echo("首次登录后须修改 / the user must change it at first sign-in")


@click.group()
def users() -> None:
    """Accounts: add, list, reset-password."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do.")
@click.option(
    "--street",
    "streets",
    multiple=True,
    metavar="ID",
    help="A street (zone id) a street planner sees; repeat for several.",
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input (one line)."
)
@accounts_option
def add(
    name: str, role: str, streets: tuple[str, ...], password_stdin: bool, accounts_path: str
) -> None:
    """Create a user; prints a one-time password unless --password-stdin."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    accounts = open_accounts(accounts_path)
    try:
        user, one_time = accounts.add(name, role, streets, password)
    except AccountError as exc:
        click.echo(f"cobuild: {exc}", err=True)
        sys.exit(2)
    accounts.record("cli", "user_add", f"{user.name} role {user.role}")
    click.echo(f"已创建用户 user created: {user.name} ({user.role})")
    if one_time:
        hand_over(user.name, one_time)


@users.command("list")
@accounts_option
def list_users(accounts_path: str) -> None:
    """Every user: name, role, streets, status."""
    for user in open_accounts(accounts_path).users():
        status = "disabled" if user.disabled else "must-change" if user.must_change else "active"
        click.echo(f"{user.name:<20} {user.role:<9} {status:<12} {' '.join(user.streets)}")


@users.command("reset-password")
@click.argument("name")
@accounts_option
def reset_password(name: str, accounts_path: str) -> None:
    """Give a user a new one-time password (also unlocks the account)."""
    accounts = open_accounts(accounts_path)
    try:
        password = accounts.reset_password(name)
    except AccountError as exc:
        click.echo(f"cobuild: {exc}", err=True)
        sys.exit(2)
    accounts.record("cli", "user_reset", name)
    hand_over(name, password)


def ensure_admin(accounts: Accounts, name: str = "admin") -> str | None:
    """Create the admin ``name`` with a one-time password unless an admin exists."""
    if accounts.has_admin():
        return None
    _, password = accounts.add(name, "admin")
    accounts.record("cli", "user_add", f"{name} role admin (demo)")
    return password
