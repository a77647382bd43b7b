"""The one way the product makes a PDF: WeasyPrint with the fonts the project ships.

Documents name `FAMILY` in their CSS (it is also the default for the whole page). `render` adds the
`@font-face` rules that load that family from the vendored Liberation Serif 2.1.5 files in `fonts/`
(Times New Roman's metrics, every Vietnamese letter; see `fonts/README.md`). The family name is ours,
so no font installed on the machine can stand in for it, and a document breaks its lines the same way
on every machine. Rendering fetches nothing but those four files: not the network, not another file,
and a missing font file is an error rather than a silent fallback to a system font.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FAMILY = "Danchu Serif"
# (font-weight, font-style) → the file that draws it.
FACES: dict[tuple[str, str], str] = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}


def font_files() -> list[Path]:
    """The vendored font files, one per face."""
    return [FONTS_DIR / name for name in FACES.values()]


def _font_css() -> str:
    faces = "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; src: url("{(FONTS_DIR / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for (weight, style), name in FACES.items()
    )
    return f'{faces}\nhtml {{ font-family: "{FAMILY}"; }}\n@page {{ font-family: "{FAMILY}"; }}\n'


@cache
def _fetcher_class() -> type[Any]:
    from weasyprint.urls import URLFetcher

    allowed = {path.as_uri() for path in font_files()}

    class VendoredFontsOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in allowed:
                raise ValueError(f"A PDF may load only the vendored fonts, not {url!r}")
            return super().fetch(url, headers)

    return VendoredFontsOnly


def render(html: str) -> bytes:
    """The HTML document as PDF bytes, its text set in `FAMILY` from the vendored files.

    Raises if a font file cannot be read or the document refers to anything else to fetch.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _fetcher_class()(fail_on_errors=True)
    fonts = FontConfiguration()
    faces = CSS(string=_font_css(), font_config=fonts, url_fetcher=fetcher)
    document = HTML(string=html, url_fetcher=fetcher)
    return bytes(document.write_pdf(stylesheets=[faces], font_config=fonts))
