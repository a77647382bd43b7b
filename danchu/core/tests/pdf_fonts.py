"""What fonts a PDF really carries, read from the font programs embedded in it.

WeasyPrint names an embedded font after the CSS family ("ABCDEF+Danchu-Serif-Bold"), so the names in the
PDF's font dictionaries do not say which file drew the text; the embedded program's own name table does.
"""

from __future__ import annotations

import io
from typing import NamedTuple

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

# The PostScript names of the four vendored faces (danchu/core/fonts), and their version.
VENDORED = {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "LiberationSerif-BoldItalic"}
VERSION = "Version 2.1.5"


class EmbeddedFont(NamedTuple):
    base_font: str  # as the PDF names it, subset prefix included
    program: str  # the PostScript name inside the embedded font program; "" when none is embedded
    version: str


def embedded_fonts(pdf: bytes) -> set[EmbeddedFont]:
    """Every font anywhere in the document (pages, page margins, form XObjects), with its embedded program."""
    reader = PdfReader(io.BytesIO(pdf))
    fonts: list[DictionaryObject] = []
    seen: set[int] = set()

    def walk(node: PdfObject) -> None:
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                return
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if node.get("/Type") == "/Font" and node.get("/Subtype") != "/Type0":  # Type0: see its descendant
                fonts.append(node)
            for key, value in node.items():
                if key != "/Parent":
                    walk(value)
        elif isinstance(node, ArrayObject):
            for value in node:
                walk(value)

    walk(reader.trailer["/Root"])
    found = set()
    for font in fonts:
        descriptor = font.get("/FontDescriptor")
        program = descriptor.get_object().get("/FontFile2") if descriptor is not None else None
        if program is None:  # Type 3, CFF or not embedded at all: none of them is ours
            found.add(EmbeddedFont(str(font.get("/BaseFont", "")), "", ""))
            continue
        names = TTFont(io.BytesIO(program.get_object().get_data()))["name"]
        postscript, version = names.getDebugName(6) or "", names.getDebugName(5) or ""
        found.add(EmbeddedFont(str(font["/BaseFont"]), postscript, version))
    return found


def assert_only_vendored_fonts(pdf: bytes) -> None:
    """Fail on any font that is not one of the vendored Liberation Serif 2.1.5 faces."""
    fonts = embedded_fonts(pdf)
    assert fonts, "no font in the PDF"
    strangers = sorted(f for f in fonts if f.program not in VENDORED or f.version != VERSION)
    assert not strangers, f"fonts other than the vendored Liberation Serif: {strangers}"
