"""Fixtures for the loaders: files written in tmp_path, never committed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graphmodel.store import open_store

ZONES = [["编号", "名称", "类型"], ["S1", "清河街道", "街道"], ["Z2", "协作二区", "协作区"]]
UNITS = [
    ["编号 id", "名称 name", "类型 kind", "所属街道 street", "人数", "所属协作区", "可提供资源"],
    ["U1", "桂花社区", "社区", "清河街道", "12", "Z2", "场地；志愿者"],
    ["U2", "区统计局", "government", "S1", "18", "Z2", ""],
]
ACTIVITIES = [
    ["id", "title", "kind", "date", "initiator"],
    ["A1", "联合主题党日", "主题党日", "2026/3/5", "U1"],
    ["A2", "联席会议", "joint_meeting", "2026-07-01", "区委"],
]
PARTICIPATIONS = [
    ["活动", "单位", "角色"],
    ["A1", "U1", "主办"],
    ["A1", "U2", "参与"],
    ["A2", "U2", ""],
]


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows(rows)
    return path


@pytest.fixture
def folder(tmp_path) -> Path:
    """A valid folder of UTF-8 CSV files: zones, units, activities, participations."""
    root = tmp_path / "data"
    root.mkdir()
    for name, rows in [
        ("zones", ZONES),
        ("units", UNITS),
        ("activities", ACTIVITIES),
        ("participations", PARTICIPATIONS),
    ]:
        write_csv(root / f"{name}.csv", rows)
    return root


@pytest.fixture
def empty_store(tmp_path):
    return open_store(f"sqlite:///{tmp_path}/store.db")
