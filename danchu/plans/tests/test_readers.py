"""Reading files: .docx and PDF copies of the five samples keep the structure; bad files are refused."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danchu.core.uploads import max_bytes
from danchu.plans.importer import DocumentError, parse_text, read_plan
from danchu.plans.importer.readers import read_document

from .samples import NAMES, WITH_EXPECTED, as_docx, as_pdf, core, expected_of, text_of


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {name: as_pdf(name) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_docx_gives_the_same_structure(name):
    assert core(read_plan(f"{name}.docx", as_docx(name)).as_json()) == core(
        parse_text(text_of(name)).as_json()
    )


@pytest.mark.parametrize("name", NAMES)
def test_pdf_gives_the_same_structure(name, pdfs):
    """Printed to A4: lines re-wrapped, a running header and page numbers on every page, two-column
    header and signature tables; the structure must not change."""
    assert core(read_plan(f"{name}.pdf", pdfs[name]).as_json()) == core(parse_text(text_of(name)).as_json())


@pytest.mark.parametrize("name", WITH_EXPECTED)
def test_pdf_matches_the_expected_file(name, pdfs):
    assert core(read_plan(f"{name}.pdf", pdfs[name]).as_json()) == core(expected_of(name))


def test_parse_plan_command_prints_the_expected_json(tmp_path, capsys):
    import json

    path = tmp_path / "ward-chanh-lo-2023.docx"
    path.write_bytes(as_docx("ward-chanh-lo-2023"))
    call_command("parse_plan", str(path), "--json")
    printed = json.loads(capsys.readouterr().out)
    assert core(printed) == core(expected_of("ward-chanh-lo-2023"))
    assert printed["source_file"] == "ward-chanh-lo-2023.docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.exe", b"MZ\x90\x00", "Không hỗ trợ tệp"),
        ("ke-hoach.docx", b"%PDF-1.7 fake", "nội dung là PDF"),
        ("ke-hoach.pdf", b"PK\x03\x04junk", "không phải văn bản Word"),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Không hỗ trợ tệp"),
        ("ke-hoach.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Word 97-2003"),
        ("ke-hoach.txt", b"   ", "Tệp rỗng"),
        ("ke-hoach.txt", b"a" * (max_bytes() + 1), "Tệp quá lớn"),
        ("ke-hoach.txt", "KẾ HOẠCH\x00".encode(), "NUL"),
        ("ke-hoach.pdf", b"%PDF-1.4\n%broken", "Không đọc được tệp PDF"),
    ],
)
def test_bad_files_are_refused_clearly(name, data, message):
    with pytest.raises(DocumentError, match=message):
        read_document(name, data)


def test_legacy_encodings_are_detected():
    # "Kế hoạch thực hiện dân chủ ở cơ sở" typed with the TCVN3 (.VnTime) and VNI fonts.
    tcvn3 = "KÕ ho¹ch thùc hiÖn d©n chñ ë c¬ së n¨m 2023. Tæ chøc thùc hiÖn, b¸o c¸o kÕt qu¶." * 3
    vni = "Keá hoaïch thöïc hieän daân chuû ôû cô sôû naêm 2023. Toå chöùc thöïc hieän." * 3
    with pytest.raises(DocumentError, match="TCVN3"):
        read_document("a.txt", tcvn3.encode("cp1252"))
    with pytest.raises(DocumentError, match="VNI"):
        read_document("a.txt", vni.encode("cp1252"))


def test_a_document_that_is_not_a_plan(tmp_path):
    with pytest.raises(DocumentError, match="không phải một kế hoạch"):
        read_plan("thu.txt", "Kính gửi: UBND phường.\nĐề nghị xem xét.".encode())
    path = tmp_path / "thu.txt"
    path.write_text("Báo cáo nhanh tình hình.", encoding="utf-8")
    with pytest.raises(CommandError, match="không phải một kế hoạch"):
        call_command("parse_plan", str(path))


def test_image_only_and_encrypted_pdfs():
    from pypdf import PdfWriter

    blank = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(blank)
    with pytest.raises(DocumentError, match="OCR"):
        read_document("scan.pdf", blank.getvalue())
    locked = io.BytesIO()
    writer.encrypt(user_password="bi-mat", owner_password="bi-mat")
    writer.write(locked)
    with pytest.raises(DocumentError, match="mật khẩu"):
        read_document("locked.pdf", locked.getvalue())


def test_utf8_bom_and_utf16_are_read():
    text = text_of("ward-chanh-lo-2023")
    assert read_document("a.txt", b"\xef\xbb\xbf" + text.encode()) == read_document("a.txt", text.encode())
    assert "KẾ HOẠCH" in read_document("a.txt", text.encode("utf-16"))


def _rezip(docx: bytes, *, drop: str = "", replace: dict[str, bytes] | None = None) -> bytes:
    """The .docx package rebuilt without the part `drop`, or with some parts replaced."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.namelist():
            if entry != drop:
                target.writestr(entry, (replace or {}).get(entry, source.read(entry)))
    return out.getvalue()


def _zip_of(**files: bytes) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _malformed() -> list[tuple[str, bytes, str]]:
    docx = as_docx("ward-chanh-lo-2023")
    noise = bytes((i * 7919 + 13) % 256 for i in range(4096))
    return [
        ("zip-not-docx.docx", _zip_of(**{"a.txt": b"xin chao"}), "không phải văn bản Word"),
        ("no-document-xml.docx", _rezip(docx, drop="word/document.xml"), "không phải văn bản Word"),
        ("no-content-types.docx", _rezip(docx, drop="[Content_Types].xml"), "Không đọc được tệp Word"),
        (
            "broken-xml.docx",
            _rezip(docx, replace={"word/document.xml": b"<w:document><unclosed>"}),
            "Không đọc được tệp Word",
        ),
        ("random.docx", noise, "nội dung là"),
        ("photo.docx", b"\x89PNG\r\n\x1a\n" + noise, "nội dung là ảnh PNG"),
        ("not-a-pdf.pdf", "Kế hoạch năm 2023".encode(), "nội dung là văn bản thuần"),
        ("broken.pdf", b"%PDF-1.7\n" + noise, "Không đọc được tệp PDF"),
    ]


@pytest.mark.parametrize("case", range(8))
def test_malformed_files_are_a_clear_refusal_never_a_crash(case):
    """Any file that cannot be read is a DocumentError in Vietnamese (a 400 or a form error), never a 500."""
    name, data, message = _malformed()[case]
    with pytest.raises(DocumentError, match=message):
        read_plan(name, data)
