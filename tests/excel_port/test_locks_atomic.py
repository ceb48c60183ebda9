"""A workbook open in Excel is never overwritten; writes are atomic and keep the previous version."""

from __future__ import annotations

import os

import pytest

from vareflyt.domain.issues import WorkbookLocked
from vareflyt.excel.locks import atomic_write, backup_path, is_locked
from vareflyt.excel.openpyxl_adapter import OpenpyxlWorkbook
from vareflyt.excel.xlsx_fast import replace_table_rows_fast


def test_is_locked_sees_excels_owner_file(purchasing):
    assert not is_locked(purchasing)
    owner = purchasing.with_name("~$" + purchasing.name)
    owner.write_bytes(b"user")
    assert is_locked(purchasing)
    owner.unlink()
    purchasing.with_name("~$" + purchasing.name[2:]).write_bytes(b"user")  # Office's short form
    assert is_locked(purchasing)


@pytest.mark.parametrize("threshold", [0, 10**9], ids=["fast", "openpyxl"])
def test_locked_workbook_is_not_written(purchasing, threshold):
    before = purchasing.read_bytes()
    port = OpenpyxlWorkbook(purchasing, fast_threshold=threshold)
    port.replace_rows("orders", [{"order_no": "1"}])
    purchasing.with_name("~$Innkjop.xlsx").write_bytes(b"")
    with pytest.raises(WorkbookLocked) as err:
        port.save()
    assert err.value.exit_code == 3
    assert "Innkjop.xlsx er åpen i Excel" in str(err.value) and "lukk" in str(err.value)
    assert purchasing.read_bytes() == before
    assert sorted(p.name for p in purchasing.parent.iterdir()) == ["Innkjop.xlsx", "~$Innkjop.xlsx"]
    with pytest.raises(WorkbookLocked):
        replace_table_rows_fast(purchasing, "catalogue", [])
    os.remove(purchasing.with_name("~$Innkjop.xlsx"))
    port.save()  # the queued write goes through after closing
    assert OpenpyxlWorkbook(purchasing).read_table("orders")["order_no"].tolist() == ["1"]


def test_save_keeps_the_previous_version_as_backup(purchasing):
    original = purchasing.read_bytes()
    port = OpenpyxlWorkbook(purchasing)
    port.replace_rows("orders", [{"order_no": "A1"}])
    port.save()
    backup = backup_path(purchasing)
    assert backup.name == "Innkjop.bak.xlsx"
    assert backup.read_bytes() == original
    first = purchasing.read_bytes()
    replace_table_rows_fast(purchasing, "catalogue", [{"gtin": "0001"}])
    assert backup.read_bytes() == first
    assert OpenpyxlWorkbook(backup, "purchasing").read_table("orders")["order_no"].tolist() == ["A1"]


def test_backup_folder_can_be_chosen(purchasing, tmp_path):
    port = OpenpyxlWorkbook(purchasing, backup_dir=tmp_path / ".vareflyt" / "backups")
    port.replace_rows("orders", [])
    port.save()
    assert (tmp_path / ".vareflyt" / "backups" / "Innkjop.bak.xlsx").is_file()
    assert not (purchasing.parent / "Innkjop.bak.xlsx").exists()


def test_failed_write_leaves_the_file_and_no_temporary_files(purchasing):
    before = purchasing.read_bytes()
    with pytest.raises(RuntimeError):
        with atomic_write(purchasing) as tmp:
            tmp.write_bytes(b"half a workbook")
            raise RuntimeError("crash while writing")
    assert purchasing.read_bytes() == before
    assert [p.name for p in purchasing.parent.iterdir()] == ["Innkjop.xlsx"]


def test_file_mode_is_kept(purchasing):
    os.chmod(purchasing, 0o640)
    replace_table_rows_fast(purchasing, "catalogue", [])
    assert purchasing.stat().st_mode & 0o777 == 0o640
