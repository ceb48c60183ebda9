"""vareflyt.files: the one rename-into-place; the old content or the new, never half, no leftovers."""

import os
import stat

import pytest

from vareflyt.files import atomic_write, copy_file, write_bytes, write_text


def test_an_error_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "morgenrapport.html"
    target.write_text("i går", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as tmp:
        tmp.write_text("halv", encoding="utf-8")
        raise RuntimeError("stopp")
    assert target.read_text(encoding="utf-8") == "i går" and os.listdir(tmp_path) == ["morgenrapport.html"]


def test_the_new_file_keeps_the_old_mode_and_a_new_one_gets_the_default(tmp_path):
    old = tmp_path / "gammel.json"
    old.write_text("{}", encoding="utf-8")
    old.chmod(0o640)
    write_text(old, '{"a": 1}')
    assert stat.S_IMODE(old.stat().st_mode) == 0o640 and old.read_text(encoding="utf-8") == '{"a": 1}'
    umask = os.umask(0o022)
    os.umask(umask)
    fresh = write_bytes(tmp_path / "ny.pdf", b"%PDF-1.7")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # not mkstemp's private 0600


def test_a_fixed_temporary_name_for_readers_that_look_for_it(tmp_path):
    target = tmp_path / "ordre.edi"
    with atomic_write(target, temp_name=".ordre.edi.tmp") as tmp:
        assert tmp == tmp_path / ".ordre.edi.tmp"
        tmp.write_bytes(b"UNA:+.? '")
    assert target.read_bytes() == b"UNA:+.? '" and not tmp.exists()


def test_copy_file(tmp_path):
    source = tmp_path / "inn.csv"
    source.write_bytes("Varenr;Pris\n1;2,50\n".encode("cp1252"))
    assert copy_file(source, tmp_path / "arkiv.csv").read_bytes() == source.read_bytes()
