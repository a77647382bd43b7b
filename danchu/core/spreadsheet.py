"""Cells of the spreadsheets and CSV files we hand out (ô bảng tính an toàn).

A text that begins with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs skip
before reading the rest) is taken as a formula by Excel and LibreOffice: a village named
`=HYPERLINK("http://x","y")` would become a live link, or worse, for whoever opens the province's file
(OWASP, "CSV Injection"). Numbers, dates and booleans are left as they are so that sums still work.

- In an .xlsx file every text cell is written as text (`t="inlineStr"`, never a formula) with Excel's
  quote prefix, so that the cell shows and keeps the exact text, even once edited: `append_row`.
- In a .csv file, which has no cell types, such a text is prefixed with a single quote, as OWASP
  recommends: `safe_cell`; `unsafe_cell` removes the quote when a file we wrote is read back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def safe_cell[T](value: T) -> T | str:
    """`value` for a CSV cell: a text that starts like a formula gets a leading single quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return QUOTE + value
    return value


def unsafe_cell[T](value: T) -> T | str:
    """A CSV cell's text as it was before `safe_cell` quoted it."""
    if isinstance(value, str) and value.startswith(QUOTE) and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def text_cell(cell: Cell) -> Cell:
    """Keep an .xlsx cell's text as text: never a formula, shown as written (Excel's quote prefix)."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if formula_like(cell.value):
            cell.quotePrefix = True
    return cell


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """`sheet.append(values)` where no text can become a formula."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell, Cell):
            text_cell(cell)
