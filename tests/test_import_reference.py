"""The importers on real portal data in ``../shared/reference/national-portal/`` (read in place,
never copied into the repository). They add to the fixture tests (test_import_record.py,
test_import_portal_shapes.py, test_import_procedures.py); a clone without ../shared/ does not
collect this file (tests/conftest.py), so no test is skipped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.importers.portal import import_records, recover
from generator.importers.portal_list import import_procedure_list, read_list
from generator.importers.report import Report
from generator.importers.writer import plain
from generator.load import read_document
from generator.project import load_project

from .test_import_procedures import bare_project

PORTAL = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "national-portal"
LIST = PORTAL / "danh-sach-tthc-BoTuPhap.xlsx"
BIRTH = PORTAL / "bo-tu-phap__1.001193.json"
MARRIAGE = PORTAL / "bo-tu-phap__1.000894.json"


def load(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_the_ministry_of_justice_list(tmp_path: Path) -> None:
    rows, data_rows = read_list(LIST, Report("x"))
    assert data_rows == 271
    assert len(rows) == 271
    commune = [row for row in rows if row.commune]
    assert len(commune) == 45
    assert sum(not row.bodies for row in rows) == 71
    birth = next(row for row in rows if row.code == "1.001193")
    assert (birth.name, birth.field, birth.commune) == (
        "Thủ tục đăng ký khai sinh",
        "Hộ tịch",
        True,
    )
    # "Chủ tịch UBND cấp xã" is commune level too; "cấp tỉnh" is not.
    assert any(row.commune and "Chủ tịch UBND cấp xã" in row.bodies for row in rows)
    assert not any(row.commune for row in rows if row.bodies == ("Sở Tư Pháp",))

    project = bare_project(tmp_path / "ward")
    report = import_procedure_list(project, LIST)
    assert report.counts == {"dòng": 271, "bản nháp": 45}
    draft = read_document(
        project.content_dir / "drafts" / "procedures" / "dang-ky-khai-sinh.yml", "x"
    ).data
    assert draft["code"] == "1.001193"
    assert draft["name"] == "Thủ tục đăng ký khai sinh"
    assert draft["field"] == "Hộ tịch"
    assert draft["level"] is None
    assert load_project(project).content is not None


def test_birth_registration_record() -> None:
    recovered = recover(load(BIRTH))
    data = plain(recovered.data)
    assert data["code"] == "1.001193"
    assert data["name"] == "Thủ tục đăng ký khai sinh"
    assert data["field"] == "Hộ tịch"
    assert data["level"] == "Cấp xã"
    assert data["decision"] == {"number": "163/QĐ-BTP", "date": None}
    assert data["subjects"] == ["Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"]
    assert [(c["mode"], c["fee"], c["time_limit"]) for c in data["channels"]] == [
        ("trực tiếp", 0, None),  # the portal's time column says only "1"
        ("trực tuyến", 0, None),
        ("bưu chính", 0, None),
    ]
    numbers = [d["number"] for d in data["legal_basis"]]
    assert len(numbers) == 15
    assert {"60/2014/QH13", "123/2015/NĐ-CP", "66.7/2025/NQ-CP", "106/2021/TT-BTC"} <= set(numbers)
    # 8 documents and 25 rows of quantity 0 (notes), all listed, in the portal's groups.
    assert len(data["dossier"]) == 33
    assert sum(1 for item in data["dossier"] if "copies" in item) == 8
    assert data["dossier"][4]["name"].startswith("Giấy chứng sinh")
    assert data["dossier"][11]["group"] == "Lưu ý"
    assert len(data["steps"]) == 5
    assert data["result"] == "Giấy khai sinh"
    assert data["agencies"] == {"competent": None, "implementing": None}
    assert recovered.data["result"].comment == "mã kết quả trên Cổng: KQ.G15.000031"


def test_marriage_registration_record() -> None:
    data = plain(recover(load(MARRIAGE)).data)
    assert data["name"] == "Thủ tục đăng ký kết hôn"
    assert data["agencies"]["competent"] == "Ủy ban Nhân dân xã, phường, thị trấn"
    assert data["result"] == "Giấy chứng nhận kết hôn"
    assert len(data["legal_basis"]) == 16
    assert "52/2014/QH13" in {d["number"] for d in data["legal_basis"]}
    assert all("281/2016/TT-BTC" in c["fee_note"] for c in data["channels"])


def test_real_records_become_drafts_never_published(tmp_path: Path) -> None:
    project = bare_project(tmp_path / "ward")
    report = import_records(project, [BIRTH, MARRIAGE])
    assert report.counts == {"bản nháp": 2}
    assert not (project.content_dir / "procedures").exists()
    assert load_project(project).content is not None
