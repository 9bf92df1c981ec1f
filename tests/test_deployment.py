"""The production path: docker-compose.yml validates with the Docker client's compose."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _compose() -> list[str] | None:
    docker = shutil.which("docker")
    if (
        docker
        and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0
    ):
        return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_docker_compose_file_validates(tmp_path):
    """`docker compose config` accepts the file with the example .env."""
    compose = _compose()
    if compose is None:
        message = "no docker compose client: apt-get install docker-compose"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    env = tmp_path / ".env"
    env.write_text((ROOT / ".env.example").read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [*compose, "--env-file", str(env), "-f", str(ROOT / "docker-compose.yml"), "config", "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_the_app_waits_for_a_healthy_neo4j():
    """The app service starts only when Neo4j's health check passes, and ports stay local."""
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert "condition: service_healthy" in text and "healthcheck:" in text
    published = [line.strip() for line in text.splitlines() if line.strip().startswith('- "')]
    assert published and all(p.startswith('- "127.0.0.1:') for p in published if ":" in p[3:])
