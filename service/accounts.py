"""User accounts, server-side sessions and the audit log, in one local SQLite file.

Accounts are the service's configuration, not district data, so they live apart
from the graph store (``COBUILD_ACCOUNTS``, default ``var/accounts.db``).
Passwords are hashed with scrypt; a session is a random token whose SHA-256 is
kept here, so that logging out (or disabling a user) revokes it on the server.

>>> import tempfile, os
>>> accounts = Accounts(os.path.join(tempfile.mkdtemp(), "a.db"))
>>> user, one_time = accounts.add("wang", "viewer")
>>> user.must_change, len(one_time) >= 16
(True, True)
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from .audit import DETAIL_MAX, PAGE_ENTRIES, REMOTE_MAX, USER_MAX, AuditEntry
from .errors import AccountError, LoginRefused, UnknownUser

ROLES = ("admin", "district", "street", "viewer")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
NAME = re.compile(r"^[\w.@-]{1,64}$")
STREET = re.compile(r"^[\w.-]{1,64}$")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    streets TEXT NOT NULL DEFAULT '',
    password TEXT NOT NULL,
    must_change INTEGER NOT NULL DEFAULT 0,
    disabled INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name),
    created REAL NOT NULL,
    expires REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    remote TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS config (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class User:
    """An account; ``streets`` are the zone ids a street planner may see."""

    name: str
    role: str
    streets: tuple[str, ...] = ()
    must_change: bool = False
    disabled: bool = False
    failures: int = 0
    locked_until: float = 0.0
    created_at: str = ""

    def locked(self, now: float) -> bool:
        return self.locked_until > now


def one_time_password() -> str:
    """A random password to hand over once (the user must change it)."""
    return secrets.token_urlsafe(12)


def check_password(password: str) -> None:
    """Raise :class:`AccountError` unless ``password`` is acceptable."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(
            "密码长度应为 {min_password} 至 {max_password} 个字符",
            min_password=MIN_PASSWORD,
            max_password=MAX_PASSWORD,
        )


def _check_user(name: str, role: str, streets: Sequence[str]) -> None:
    if not NAME.match(name):
        raise AccountError(
            "用户名应为 1 至 64 个字母、数字或 . @ - _",
        )
    if role not in ROLES:
        raise AccountError(
            "未知角色“{role}”（应为 {roles} 之一）",
            role=role,
            roles=ROLES,
        )
    if role == "street" and not streets:
        raise AccountError("街道用户至少要有一个街道")
    if role != "street" and streets:
        raise AccountError("只有街道用户可以指定街道")
    if not all(STREET.match(s) for s in streets):
        raise AccountError("街道应以区域编号表示")


@functools.cache
def _dummy_hash() -> str:
    """A hash checked for unknown names, so that a wrong name takes as long as a wrong password."""
    return generate_password_hash("not a password of anyone", method="scrypt")


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _local_now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class Accounts:
    """The accounts file: users, sessions, audit log.

    ``max_failures`` failed sign-ins in a row lock an account for ``lockout``
    seconds; ``clock`` returns seconds since the epoch (tests pass their own).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        max_failures: int = 5,
        lockout: float = 15 * 60,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self.max_failures = max_failures
        self.lockout = lockout
        self.clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists():
            self.path.touch(mode=0o600)  # password hashes and the audit log: owner only
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(_SCHEMA)

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection for one transaction (committed on success, closed after)."""
        with closing(sqlite3.connect(self.path, timeout=30)) as db, db:
            db.row_factory = sqlite3.Row
            yield db

    # -- users ------------------------------------------------------------

    def add(
        self, name: str, role: str, streets: Sequence[str] = (), password: str | None = None
    ) -> tuple[User, str | None]:
        """Create a user; without ``password`` a one-time one is made and returned.

        A user with a one-time password must choose their own at first sign-in.
        """
        streets = tuple(dict.fromkeys(streets))
        _check_user(name, role, streets)
        generated = None
        if password is None:
            password = generated = one_time_password()
        check_password(password)
        try:
            with self._db() as db:
                db.execute(
                    "INSERT INTO users (name, role, streets, password, must_change, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        name,
                        role,
                        " ".join(streets),
                        generate_password_hash(password, method="scrypt"),
                        int(generated is not None),
                        _local_now(),
                    ),
                )
        except sqlite3.IntegrityError:
            raise AccountError("用户“{name}”已存在", name=name) from None
        return self.user(name), generated

    def user(self, name: str) -> User | None:
        """The user called ``name``, or None."""
        with self._db() as db:
            row = db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        return _user(row) if row else None

    def users(self) -> list[User]:
        """Every user, by name."""
        with self._db() as db:
            return [_user(r) for r in db.execute("SELECT * FROM users ORDER BY name")]

    def has_admin(self) -> bool:
        """Whether an enabled admin exists (the service refuses to start without one)."""
        with self._db() as db:
            row = db.execute(
                "SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0 LIMIT 1"
            ).fetchone()
        return row is not None

    def _existing(self, name: str) -> User:
        user = self.user(name)
        if user is None:
            raise UnknownUser("没有名为“{name}”的用户", name=name)
        return user

    def set_password(self, name: str, password: str, keep_session: str | None = None) -> None:
        """A user's own new password; clears the must-change flag and any lock, and ends
        every session of the user but ``keep_session`` (the one that changed it): a
        password changed because it leaked must not leave the leaker signed in."""
        self._existing(name)
        check_password(password)
        kept = _hash_token(keep_session) if keep_session else ""
        with self._db() as db:
            db.execute(
                "UPDATE users SET password = ?, must_change = 0, failures = 0, locked_until = 0"
                " WHERE name = ?",
                (generate_password_hash(password, method="scrypt"), name),
            )
            db.execute("DELETE FROM sessions WHERE user = ? AND token_hash != ?", (name, kept))

    def reset_password(self, name: str) -> str:
        """Give ``name`` a new one-time password, unlock it and end its sessions."""
        self._existing(name)
        password = one_time_password()
        with self._db() as db:
            db.execute(
                "UPDATE users SET password = ?, must_change = 1, failures = 0, locked_until = 0"
                " WHERE name = ?",
                (generate_password_hash(password, method="scrypt"), name),
            )
            db.execute("DELETE FROM sessions WHERE user = ?", (name,))
        return password

    def set_disabled(self, name: str, disabled: bool) -> None:
        """Disable (ending every session) or enable a user; the last admin stays enabled."""
        user = self._existing(name)
        if disabled and user.role == "admin" and not user.disabled:
            others = [u for u in self.users() if u.role == "admin" and not u.disabled]
            if len(others) <= 1:
                raise AccountError("不能停用唯一的管理员")
        with self._db() as db:
            db.execute("UPDATE users SET disabled = ? WHERE name = ?", (int(disabled), name))
            if disabled:
                db.execute("DELETE FROM sessions WHERE user = ?", (name,))

    def authenticate(self, name: str, password: str) -> User:
        """The user if ``password`` is theirs; else :class:`LoginRefused`.

        Failures are counted; ``max_failures`` in a row lock the account (the
        refusal that locks it has ``locked`` set).
        """
        now = self.clock()
        with self._db() as db:
            row = db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()
        matches = check_password_hash(row["password"] if row else _dummy_hash(), password)
        user = _user(row) if row else None
        if user is None or user.disabled:
            raise LoginRefused("用户名或密码错误")
        if user.locked(now):
            minutes = max(1, round((user.locked_until - now) / 60))
            raise LoginRefused(
                "登录失败次数过多，账户已锁定，请 {minutes} 分钟后再试",
                minutes=minutes,
            )
        if not matches:
            refusal = LoginRefused("用户名或密码错误")
            refusal.locked = self._count_failure(user, now)
            raise refusal
        with self._db() as db:
            db.execute("UPDATE users SET failures = 0, locked_until = 0 WHERE name = ?", (name,))
        return user

    def _count_failure(self, user: User, now: float) -> bool:
        """Count a failed sign-in; True when it locks the account."""
        with self._db() as db:
            failures = db.execute(
                "UPDATE users SET failures = failures + 1 WHERE name = ? RETURNING failures",
                (user.name,),
            ).fetchone()[0]
            if failures < self.max_failures:
                return False
            db.execute(
                "UPDATE users SET failures = 0, locked_until = ? WHERE name = ?",
                (now + self.lockout, user.name),
            )
        return True

    # -- sessions ---------------------------------------------------------

    def open_session(self, name: str, hours: float) -> str:
        """A new session token for ``name``, valid for ``hours``."""
        token = secrets.token_urlsafe(32)
        now = self.clock()
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE expires < ?", (now,))
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?)",
                (_hash_token(token), name, now, now + hours * 3600),
            )
        return token

    def session_user(self, token: str) -> User | None:
        """The enabled user of a live session, or None (unknown, ended or expired)."""
        with self._db() as db:
            row = db.execute(
                "SELECT users.* FROM sessions JOIN users ON users.name = sessions.user"
                " WHERE token_hash = ? AND expires > ? AND users.disabled = 0",
                (_hash_token(token), self.clock()),
            ).fetchone()
        return _user(row) if row else None

    def close_session(self, token: str) -> None:
        """End a session: its cookie is refused from now on."""
        with self._db() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (_hash_token(token),))

    # -- audit log and config ---------------------------------------------

    def record(self, user: str, action: str, detail: str = "", remote: str = "") -> None:
        """Append to the audit log (never personal data in ``detail``)."""
        with self._db() as db:
            db.execute(
                "INSERT INTO audit (at, user, action, detail, remote) VALUES (?, ?, ?, ?, ?)",
                (_local_now(), user[:USER_MAX], action, detail[:DETAIL_MAX], remote[:REMOTE_MAX]),
            )

    def audit_log(self, limit: int = PAGE_ENTRIES, offset: int = 0) -> list[AuditEntry]:
        """The most recent entries first."""
        with self._db() as db:
            rows = db.execute(
                "SELECT at, user, action, detail, remote FROM audit"
                " ORDER BY id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [AuditEntry(*row) for row in rows]

    def signing_key(self) -> str:
        """The key that signs cookies, made once and kept here (shared by every worker)."""
        with self._db() as db:
            db.execute(
                "INSERT OR IGNORE INTO config VALUES ('signing_key', ?)", (secrets.token_hex(32),)
            )
            return db.execute("SELECT value FROM config WHERE key = 'signing_key'").fetchone()[0]


def _user(row: sqlite3.Row) -> User:
    return User(
        name=row["name"],
        role=row["role"],
        streets=tuple(row["streets"].split()),
        must_change=bool(row["must_change"]),
        disabled=bool(row["disabled"]),
        failures=row["failures"],
        locked_until=row["locked_until"],
        created_at=row["created_at"],
    )


def accounts() -> Accounts:
    """This app's accounts file."""
    return current_app.extensions["cobuild.accounts"]
