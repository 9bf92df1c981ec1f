"""Run a real Neo4j Community 5.26 LTS server locally, without Docker.

The server's jars (the same set the official community tarball ships in
``lib/``) are fetched once with Maven into ``tools/neo4j/target/lib`` (see
``tools/neo4j/pom.xml``).  The server is then started straight from that
classpath with ``org.neo4j.server.CommunityEntryPoint``, listening for Bolt on
``127.0.0.1:PORT`` only, HTTP disabled, authentication on.

The data directory doubles as the server's home: it holds ``conf/neo4j.conf``
(rewritten on every start), ``data/`` (the databases), ``logs/`` and ``run/``.
The password of user ``neo4j`` is set with neo4j-admin's
``dbms set-initial-password`` before the first start of a fresh data
directory; restarting on the same directory keeps the stored password.

Library use::

    with LocalNeo4j(7699, Path("/tmp/n4j"), "s3cret-pass") as server:
        print(server.store_url)

Command line::

    NEO4J_PASSWORD=... python tools/local_neo4j.py --port 7687 --data var/neo4j
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Self
from urllib.parse import quote

if TYPE_CHECKING:
    from types import TracebackType

TOOLS_DIR = Path(__file__).resolve().parent
POM = TOOLS_DIR / "neo4j" / "pom.xml"
TARGET_DIR = TOOLS_DIR / "neo4j" / "target"
LIB_DIR = TARGET_DIR / "lib"
STAMP = TARGET_DIR / "lib.stamp"
# Class-data-sharing archive of the server's classes: written by the JVM when
# the first server started by this module exits cleanly, then reused by every
# later start (cuts warm start time roughly in half).  Safe to delete.
CDS_ARCHIVE = TARGET_DIR / "neo4j-cds.jsa"
BUILD_LOCK = TARGET_DIR / ".build.lock"

DEFAULT_PASSWORD = "cobuild-local"  # noqa: S105 - documented local default
USER = "neo4j"
HOST = "127.0.0.1"
MIN_PASSWORD_LENGTH = 8

INSTALL_HINT = (
    "Install a Java 17 runtime and Maven, e.g. on Debian/Ubuntu: "
    "apt-get install -y openjdk-17-jre-headless maven "
    "(Neo4j 5.26 also runs on openjdk-21-jre-headless)."
)

# JVM options of the official distribution's neo4j.conf (5.26), minus
# -XX:+AlwaysPreTouch, which would make the whole heap resident at once.
JVM_OPTIONS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+UnlockExperimentalVMOptions",
    "-XX:+TrustFinalNonStaticFields",
    "-XX:+DisableExplicitGC",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "-Djdk.tls.rejectClientInitiatedRenegotiation=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dlog4j.layout.jsonTemplate.maxStringLength=32768",
    "-Dfile.encoding=UTF-8",
)

_running: weakref.WeakSet[LocalNeo4j] = weakref.WeakSet()


def _stop_all_at_exit() -> None:
    """Stop every server this interpreter started and did not stop yet."""
    for server in list(_running):
        with contextlib.suppress(Exception):
            server.stop()


atexit.register(_stop_all_at_exit)


def _java() -> str:
    """Return the java executable: ``$JAVA_HOME/bin/java`` or ``java`` on PATH."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return str(Path(java_home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise RuntimeError(f"`java` was not found on PATH. {INSTALL_HINT}")
    return found


def _pom_digest() -> str:
    """Return a digest of the pom, so that editing it triggers a rebuild."""
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _port_open(port: int, timeout: float = 0.5) -> bool:
    """Return True when something accepts TCP connections on HOST:port."""
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def _tail(path: Path, lines: int = 40) -> str:
    """Return the last lines of a text file ('' if it cannot be read)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def build(*, quiet: bool = True) -> Path:
    """Fetch the Neo4j jars with Maven unless they are already there.

    Safe to call from several processes at once (a file lock serialises the
    Maven runs).  Returns the directory holding the jars.
    """
    _java()
    if STAMP.is_file() and STAMP.read_text().strip() == _pom_digest():
        return LIB_DIR
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeError(f"`mvn` was not found on PATH. {INSTALL_HINT}")
    BUILD_LOCK.parent.mkdir(parents=True, exist_ok=True)
    with BUILD_LOCK.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            digest = _pom_digest()
            if STAMP.is_file() and STAMP.read_text().strip() == digest:
                return LIB_DIR
            shutil.rmtree(LIB_DIR, ignore_errors=True)
            CDS_ARCHIVE.unlink(missing_ok=True)
            cmd = [mvn, "-B", "-f", str(POM), "package"]
            if quiet:
                cmd.insert(2, "-q")
            result = subprocess.run(
                cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                output = (result.stdout + result.stderr).strip().splitlines()
                raise RuntimeError(
                    "Maven could not fetch the Neo4j jars "
                    f"(exit {result.returncode}):\n" + "\n".join(output[-40:])
                )
            STAMP.write_text(digest + "\n")
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return LIB_DIR


class LocalNeo4j:
    """A Neo4j Community server run as a child process of this interpreter.

    Memory is kept modest for a shared machine; change the class attributes
    ``heap_initial``, ``heap_max`` and ``pagecache`` (Neo4j size strings such
    as ``"512m"``) on the class or on an instance before ``start()``.  Set
    ``use_cds = False`` to start without the class-data-sharing archive.
    """

    heap_initial = "128m"
    heap_max = "512m"
    pagecache = "128m"
    use_cds = True

    def __init__(
        self, port: int, data_dir: Path, password: str, *, log_file: Path | None = None
    ) -> None:
        """Describe a server on ``127.0.0.1:port`` keeping its state in ``data_dir``.

        ``log_file`` receives the server's console output (appended); it
        defaults to ``data_dir/logs/console.log``.
        """
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValueError(
                f"Neo4j requires a password of at least {MIN_PASSWORD_LENGTH} characters"
            )
        self.port = port
        self.password = password
        self.data_dir = Path(data_dir).resolve()
        self.log_file = (
            Path(log_file).resolve() if log_file else self.data_dir / "logs" / "console.log"
        )
        self._proc: subprocess.Popen[bytes] | None = None
        self._cds_dump: Path | None = None
        self._lock = threading.Lock()

    # -- public API -----------------------------------------------------------

    @property
    def uri(self) -> str:
        """Bolt URI without credentials, e.g. ``bolt://127.0.0.1:7687``."""
        return f"bolt://{HOST}:{self.port}"

    @property
    def store_url(self) -> str:
        """Bolt URI with credentials, the password URL-quoted."""
        return f"bolt://{USER}:{quote(self.password, safe='')}@{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        """Process id of the running java process, or None."""
        return self._proc.pid if self._proc and self._proc.poll() is None else None

    def is_running(self) -> bool:
        """Return True while the server process is alive."""
        return self.pid is not None

    def build(self) -> None:
        """Fetch the server jars with Maven if they are missing (first run only)."""
        build()

    def start(self, timeout: float = 120) -> None:
        """Start the server and wait until it serves Bolt queries.

        Builds first if needed (not counted in ``timeout``).  Waits until the
        Bolt port accepts connections and the server reports it has started;
        when the ``neo4j`` Python driver is importable, also until ``RETURN 1``
        succeeds with the credentials.  Raises RuntimeError, with the tail of
        the log, if the server exits or is not ready within ``timeout`` seconds.
        """
        with self._lock:
            if self.is_running():
                return
            self.build()
            if _port_open(self.port):
                raise RuntimeError(f"port {self.port} on {HOST} is already in use")
            self._prepare_home()
            if not (self.data_dir / "data" / "databases" / "system").exists():
                self._set_initial_password()
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
            with self.log_file.open("ab") as log:
                self._proc = subprocess.Popen(
                    self._server_command(),
                    cwd=self.data_dir,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # own process group
                )
            _running.add(self)
            try:
                self._wait_ready(log_offset, time.monotonic() + timeout, timeout)
            except BaseException:
                self._terminate()
                raise

    def stop(self, timeout: float = 60) -> None:
        """Stop the server: SIGTERM (clean shutdown), then SIGKILL after ``timeout``."""
        with self._lock:
            self._terminate(timeout)

    def __enter__(self) -> Self:
        """Start the server (building first if needed)."""
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop the server."""
        self.stop()

    # -- internals ------------------------------------------------------------

    def _prepare_home(self) -> None:
        """Create the home layout and write ``conf/neo4j.conf``."""
        home = self.data_dir
        for sub in ("conf", "data", "logs", "run", "import", "plugins"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        settings = {
            "server.default_listen_address": HOST,
            "server.default_advertised_address": HOST,
            "server.bolt.enabled": "true",
            "server.bolt.listen_address": f"{HOST}:{self.port}",
            "server.bolt.advertised_address": f"{HOST}:{self.port}",
            "server.http.enabled": "false",
            "server.https.enabled": "false",
            "dbms.security.auth_enabled": "true",
            "dbms.usage_report.enabled": "false",
            "server.directories.data": str(home / "data"),
            "server.directories.logs": str(home / "logs"),
            "server.directories.run": str(home / "run"),
            "server.directories.import": str(home / "import"),
            "server.directories.plugins": str(home / "plugins"),
            "server.directories.lib": str(LIB_DIR),
            "server.memory.heap.initial_size": self.heap_initial,
            "server.memory.heap.max_size": self.heap_max,
            "server.memory.pagecache.size": self.pagecache,
            # Bolt's event loops otherwise idle 5 s each (10 s in all) on shutdown.
            "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
        }
        text = "# Written by tools/local_neo4j.py on every start; edits are lost.\n"
        text += "".join(f"{key}={value}\n" for key, value in settings.items())
        (home / "conf" / "neo4j.conf").write_text(text, encoding="utf-8")

    def _classpath(self) -> str:
        return str(LIB_DIR / "*")

    def _set_initial_password(self) -> None:
        """Run neo4j-admin's ``dbms set-initial-password`` on a fresh data dir."""
        env = dict(os.environ)
        env["NEO4J_HOME"] = str(self.data_dir)
        env["NEO4J_CONF"] = str(self.data_dir / "conf")
        result = subprocess.run(
            [
                _java(),
                "-Xmx256m",
                "-cp",
                self._classpath(),
                "org.neo4j.cli.AdminTool",
                "dbms",
                "set-initial-password",
                self.password,
            ],
            cwd=self.data_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                "neo4j-admin dbms set-initial-password failed "
                f"(exit {result.returncode}):\n{result.stdout}{result.stderr}"
            )

    def _cds_options(self) -> list[str]:
        """Return JVM options to use the CDS archive, or to write it at exit."""
        self._cds_dump = None
        if not self.use_cds:
            return []
        quiet = ["-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
        if CDS_ARCHIVE.is_file():
            return [*quiet, f"-XX:SharedArchiveFile={CDS_ARCHIVE}"]
        self._cds_dump = TARGET_DIR / f"neo4j-cds.{os.getpid()}.{id(self)}.tmp"
        self._cds_dump.unlink(missing_ok=True)
        return [*quiet, f"-XX:ArchiveClassesAtExit={self._cds_dump}"]

    def _server_command(self) -> list[str]:
        return [
            _java(),
            f"-Xms{self.heap_initial}",
            f"-Xmx{self.heap_max}",
            *JVM_OPTIONS,
            *self._cds_options(),
            "-cp",
            self._classpath(),
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.data_dir}",
            f"--config-dir={self.data_dir / 'conf'}",
            "--console-mode",
        ]

    def _fail(self, message: str) -> RuntimeError:
        return RuntimeError(
            f"Neo4j on port {self.port}: {message}\n"
            f"--- last lines of {self.log_file} ---\n{_tail(self.log_file)}"
        )

    def _started_logged(self, offset: int) -> bool:
        """Return True once the console log shows 'Started.' after ``offset``."""
        try:
            with self.log_file.open("rb") as log:
                log.seek(offset)
                return b"INFO  Started." in log.read()
        except OSError:
            return False

    def _wait_ready(self, log_offset: int, deadline: float, timeout: float) -> None:
        """Poll until the server answers, it dies, or ``deadline`` passes."""
        proc = self._proc
        if proc is None:
            raise RuntimeError("the server process is not running")
        driver_error: Exception | None = None
        while True:
            code = proc.poll()
            if code is not None:
                raise self._fail(f"the server exited with code {code} while starting")
            if time.monotonic() > deadline:
                detail = f" (last driver error: {driver_error})" if driver_error else ""
                raise self._fail(f"not ready after {timeout:.0f} s{detail}")
            if self._started_logged(log_offset) and _port_open(self.port):
                driver_error = self._query_ok()
                if driver_error is None:
                    return
            time.sleep(0.25)

    def _query_ok(self) -> Exception | None:
        """Run ``RETURN 1`` with the driver if installed; None on success.

        Raises RuntimeError right away when the credentials are refused.
        """
        try:
            from neo4j import GraphDatabase  # noqa: PLC0415
            from neo4j.exceptions import AuthError  # noqa: PLC0415
        except ImportError:
            return None
        try:
            with GraphDatabase.driver(
                self.uri, auth=(USER, self.password), connection_timeout=5
            ) as driver:
                records, _, _ = driver.execute_query("RETURN 1 AS one")
                if records and records[0]["one"] == 1:
                    return None
                return RuntimeError(f"unexpected answer to RETURN 1: {records!r}")
        except AuthError as error:
            raise self._fail(
                f"the password was refused ({error}); the data directory "
                f"{self.data_dir} was probably initialised with another password. "
                "Use that password or delete the directory."
            ) from error
        except Exception as error:  # noqa: BLE001 - not up yet; retried until the deadline
            return error

    def _terminate(self, timeout: float = 60) -> None:
        """Stop the process group: SIGTERM, wait, then SIGKILL."""
        proc, self._proc = self._proc, None
        _running.discard(self)
        if proc is None:
            return
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        # Reap anything else left in the group (there should be nothing).
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        dump, self._cds_dump = self._cds_dump, None
        if dump is not None:
            # The JVM writes the archive only on a clean exit (not after SIGKILL).
            if proc.returncode >= 0 and dump.is_file() and dump.stat().st_size > 0:
                with contextlib.suppress(OSError):
                    dump.replace(CDS_ARCHIVE)
            dump.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """Build, start in the foreground, print the store URL, stop on Ctrl-C."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=7687, help="Bolt port (default 7687)")
    parser.add_argument(
        "--data",
        type=Path,
        default=Path("var/neo4j"),
        help="data directory, also the server's home (default var/neo4j)",
    )
    parser.add_argument("--log", type=Path, default=None, help="console log file")
    parser.add_argument(
        "--timeout", type=float, default=120, help="seconds to wait for startup (default 120)"
    )
    args = parser.parse_args(argv)

    password = os.environ.get("NEO4J_PASSWORD")
    if not password:
        password = DEFAULT_PASSWORD
        print(f"NEO4J_PASSWORD is not set; using the default password {DEFAULT_PASSWORD!r}")

    try:
        server = LocalNeo4j(args.port, args.data, password, log_file=args.log)
        if not STAMP.is_file():
            print("Fetching the Neo4j jars with Maven (first run only)...", flush=True)
        server.build()
    except (RuntimeError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1

    def _on_sigterm(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        print(f"Starting Neo4j on {server.uri}, data in {server.data_dir}", flush=True)
        server.start(timeout=args.timeout)
        print(f"Log: {server.log_file}")
        print(f"COBUILD_STORE={server.store_url}", flush=True)
        print("Press Ctrl-C to stop.", flush=True)
        while server.is_running():
            time.sleep(1)
    except KeyboardInterrupt:
        print("Stopping Neo4j...", flush=True)
        return 0
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        server.stop()
    print(f"Neo4j exited unexpectedly; see {server.log_file}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
