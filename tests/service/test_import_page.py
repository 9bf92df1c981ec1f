"""The import page: upload, validation report, nothing written on error."""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook


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
