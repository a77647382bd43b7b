"""Every PDF is set in the fonts the project ships, whatever fonts the machine has."""

from __future__ import annotations

import unicodedata

import pytest
from fontTools.ttLib import TTFont
from weasyprint.urls import FatalURLFetchingError

from danchu.core import pdf

from .pdf_fonts import VENDORED, VERSION, assert_only_vendored_fonts, embedded_fonts

TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # ngang, huyền, sắc, hỏi, ngã, nặng
VOWELS = "aăâeêioôơuưy"
LOWER = {unicodedata.normalize("NFC", vowel + tone) for vowel in VOWELS for tone in TONES} | {"đ"}
VIETNAMESE = LOWER | {letter.upper() for letter in LOWER}
# Text typed or pasted as base letter + combining marks, and the punctuation official documents use.
MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}
PUNCTUATION = set("“”‘’–—…")


def test_the_vietnamese_alphabet_has_every_tone_on_every_vowel():
    assert all(len(letter) == 1 for letter in VIETNAMESE)  # each one precomposed code point
    assert len(VIETNAMESE) == 2 * (len(VOWELS) * len(TONES) + 1) == 146


@pytest.mark.parametrize("path", pdf.font_files(), ids=lambda path: path.name)
def test_each_vendored_face_draws_every_vietnamese_letter(path):
    font = TTFont(path)
    assert font["name"].getDebugName(6) in VENDORED and font["name"].getDebugName(5) == VERSION
    cmap = font.getBestCmap()
    wanted = VIETNAMESE | MARKS | PUNCTUATION | {chr(c) for c in range(0x20, 0x7F)}
    assert sorted(c for c in wanted if ord(c) not in cmap) == []


def test_a_document_embeds_only_the_vendored_faces():
    text = " ".join(sorted(VIETNAMESE | PUNCTUATION))
    html = (
        "<html lang='vi'><head><style>@page { @top-center { content: 'Trang ' counter(page); } }"
        ".b { font-weight: bold; } .i { font-style: italic; }</style></head><body>"
        f"<p>{text}</p><p class='b'>{text}</p><p class='i'>{text}</p><p class='b i'>{text}</p>"
        f"<p>{unicodedata.normalize('NFD', text)}</p></body></html>"
    )
    document = pdf.render(html)
    assert_only_vendored_fonts(document)
    assert {font.program for font in embedded_fonts(document)} == VENDORED


def test_the_check_sees_a_system_font():
    document = pdf.render("<p style='font-family: serif'>Đ</p>")  # a family the project does not ship
    if {font.program for font in embedded_fonts(document)} <= VENDORED:
        pytest.skip("this machine has no font of its own to fall back on")
    with pytest.raises(AssertionError, match="fonts other than the vendored Liberation Serif"):
        assert_only_vendored_fonts(document)


def test_a_document_cannot_fetch_anything_but_the_fonts(tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("p { color: red; }")
    with pytest.raises(FatalURLFetchingError):
        pdf.render(f"<link rel='stylesheet' href='{secret.as_uri()}'><p>Xin chào</p>")
