"""The import page: upload, validation report, nothing written on error."""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import Workbook, load_workbook


def _upload(client, *files, check=False):
    data = {"files": [(BytesIO(content), name) for name, content in files]}
    if check:
        data["check"] = "1"
    return client.post("/import", data=data, content_type="multipart/form-data")


def test_a_valid_upload_is_written_and_reported(client, loaded_store):
    """A valid CSV upload is loaded and its counts are shown."""
    response = _upload(client, ("zones.csv", "id,name,kind\nS9,新街道,street\n".encode()))
    assert response.status_code == 200
    assert "导入成功" in response.get_data(as_text=True)
    assert loaded_store.counts()["zones"] == 4


def test_a_bad_upload_shows_every_problem_and_writes_nothing(client, loaded_store):
    """Bad rows are listed with file:row:column and the store is unchanged."""
    before = loaded_store.counts()
    csv = "id,name,kind\nS9,,street\nS8,x,town\n".encode("gbk")
    response = _upload(client, ("区域.csv", csv))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "区域.csv:2:name" in page and "区域.csv:3:kind" in page
    assert loaded_store.counts() == before


def test_check_only_writes_nothing(client, loaded_store):
    """With "check only" a valid upload is validated but not written."""
    response = _upload(client, ("zones.csv", b"id,name,kind\nS9,x,street\n"), check=True)
    assert "检查通过" in response.get_data(as_text=True)
    assert loaded_store.counts()["zones"] == 3


def test_the_template_downloads_as_a_workbook(client):
    """/template.xlsx is the planning workbook."""
    response = client.get("/template.xlsx")
    assert response.status_code == 200
    assert "单位 units" in load_workbook(BytesIO(response.data)).sheetnames


def _ledger_bytes(*rows) -> bytes:
    book = Workbook()
    book.active.append(["日期", "活动名称", "牵头单位", "参与单位"])
    for row in rows or (["2026.3.5", "读书会", "桂花社区党委", "区统记局、区档案馆"],):
        book.active.append(row)
    data = BytesIO()
    book.save(data)
    return data.getvalue()


def _token(page: str) -> str:
    return re.search(r'name="token" value="([0-9a-f]{32})"', page).group(1)


def test_a_ledger_with_unresolved_names_lists_them_with_candidates(client, loaded_store):
    """The typo 区统记局 is listed with 区统计局 as a choice; nothing is written yet."""
    response = _upload(client, ("三月台账.xlsx", _ledger_bytes()))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="review-form"' in page
    assert "区统记局" in page and '<option value="unit:U2">区统计局 [U2]' in page
    assert loaded_store.counts()["activities"] == 2


def test_confirming_the_names_loads_the_ledger_and_remembers_them(client, loaded_store):
    """Choosing the candidate and confirming loads; the next upload needs no decision."""
    page = _upload(client, ("三月台账.xlsx", _ledger_bytes())).get_data(as_text=True)
    form = {"token": _token(page), "count": "1", "name-0": "区统记局", "hint-0": ""}
    response = client.post("/import/confirm", data={**form, "decision-0": "unit:U2"})
    assert response.status_code == 200 and "导入成功" in response.get_data(as_text=True)
    assert loaded_store.counts()["activities"] == 3
    again = _upload(
        client, ("四月台账.xlsx", _ledger_bytes(["2026.4.1", "义诊", "区统记局", "桂花社区"]))
    )
    assert "导入成功" in again.get_data(as_text=True)


def test_a_new_unit_can_be_created_from_the_page(client, loaded_store):
    """新建单位 with a street adds the unit to that street."""
    rows = ["2026.3.9", "读书会", "桂花社区", "星火书店"]
    page = _upload(client, ("台账.xlsx", _ledger_bytes(rows))).get_data(as_text=True)
    form = {"token": _token(page), "count": "1", "name-0": "星火书店", "hint-0": ""}
    client.post("/import/confirm", data={**form, "decision-0": "new", "street-0": "S2"})
    assert [u.street for u in loaded_store.units() if u.name == "星火书店"] == ["S2"]


def test_a_confirmation_of_an_unknown_upload_is_not_found(client):
    """A token that names no kept upload answers 404."""
    assert client.post("/import/confirm", data={"token": "0" * 32}).status_code == 404


def test_a_damaged_workbook_is_a_422_and_is_audited(client, app):
    """A workbook that is not one: 422 with the file named, and an audit entry."""
    response = _upload(client, ("坏.xlsx", b"PK\x03\x04 broken"))
    assert response.status_code == 422 and "坏.xlsx" in response.get_data(as_text=True)
    [entry] = [e for e in app.extensions["cobuild.accounts"].audit_log() if e.action == "import"]
    assert "rejected" in entry.detail


def test_the_problem_report_downloads_as_a_workbook(client):
    """A rejected upload offers its problems as a workbook, one row per problem."""
    csv = b"id,name,kind\nS9,,street\nS8,x,town\n"
    page = _upload(client, ("zones.csv", csv)).get_data(as_text=True)
    link = re.search(r'href="(/import/[0-9a-f]{32}/problems.xlsx)"', page).group(1)
    rows = list(load_workbook(BytesIO(client.get(link).data)).active.values)
    assert [r[2] for r in rows[1:]] == [2, 3]
