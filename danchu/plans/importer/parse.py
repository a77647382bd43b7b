"""Rule-based reading of a Vietnamese administrative plan (Nghị định 30/2020 layout).

The text goes through three passes: lines are cleaned (markdown, spacing) and joined into
paragraphs; the header (issuer, number, place and date, type, title) is read from the top; the
body is cut into sections (I, II, ...) and numbered items, from which labelled agency fields,
responsibility phrases, deadlines and legal references are read.

The patterns live in `patterns`, the first pass in `lines`, what is found in paragraphs in `finders`;
this module reads the header, the body and the signature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from danchu.core.text import fold

from .finders import _agency_phrase, _coordinating, _split_agencies, find_deadlines, find_legal_refs
from .lines import clean_lines, paragraphs
from .patterns import (
    _AGENCY_HEADS,
    _AUTHORITY,
    _CLOSING,
    _FIELD,
    _ITEM,
    _MOTTO,
    _NUMBER,
    _PLACE_DATE,
    _RECIPIENTS,
    _SECTION,
    _SIGNER_TITLE,
    _SUBITEM,
    DOC_TYPES,
)
from .structure import Item, ParsedPlan, Section, Signer


@dataclass
class _Header:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    place: str | None = None
    date: str | None = None
    date_partial: str | None = None
    year: int | None = None
    title: str | None = None
    title_end: int = 0  # index of the first body line


def _read_header(lines: list[str]) -> _Header:
    header = _Header()
    issuer_lines: list[str] = []
    for index, line in enumerate(lines[:25]):
        upper = line.upper() == line and any(c.isalpha() for c in line)
        if _MOTTO.search(line) or line.startswith("Số"):
            break
        if upper and not DOC_TYPES.get(line):
            issuer_lines.append(line)
        if index > 6:
            break
    if issuer_lines:
        header.issuer = " ".join(issuer_lines)
    header_end = next((i for i, line in enumerate(lines[:40]) if line.strip() in DOC_TYPES), 0)
    # A PDF may wrap the place and date over two lines: look in the joined header as well.
    for line in [*lines[:30], " ".join(lines[:header_end])]:
        number = _NUMBER.search(line)
        if number and header.symbol is None:
            header.symbol = number.group(2)
            header.number = f"{number.group(1)}/{number.group(2)}" if number.group(1) else None
        place_date = _PLACE_DATE.search(line)
        if place_date and header.year is None:
            header.place = _place_before(line[: place_date.start()])
            day, month, year = place_date.group(1), place_date.group(2), int(place_date.group(3))
            header.year = year
            if day and month:
                header.date = f"{year:04d}-{int(month):02d}-{int(day):02d}"
            else:
                header.date_partial = f"{year:04d}-{int(month):02d}" if month else f"{year:04d}"
    for index, line in enumerate(lines[:40]):
        kind = DOC_TYPES.get(line.strip().upper()) if line.strip().upper() == line.strip() else None
        if kind:
            header.doc_type = kind
            title_lines: list[str] = []
            for follow in lines[index + 1 : index + 4]:
                if _SECTION.match(follow) or re.match(r"^(Căn cứ|Thực hiện \S+ số)", follow):
                    break
                title_lines.append(follow)
                if re.search(r"năm \d{4}\s*$", follow):
                    break
            header.title = " ".join(title_lines) or None
            header.title_end = index + 1 + len(title_lines)
            break
    return header


def _place_before(prefix: str) -> str | None:
    """ "Chánh Lộ" in "Số: /KH-UBND   Chánh Lộ": the capitalised words just before ", ngày"."""
    words: list[str] = []
    for word in reversed(prefix.split()):
        if not word[:1].isupper() or "/" in word or ":" in word or len(words) == 4:
            break
        words.insert(0, word)
    return " ".join(words) or None


def _issuer_from_body(text: str) -> str | None:
    match = re.search(
        r"((?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)"
        r"(?:\s+(?:tỉnh|thành phố|phường|xã|quận|huyện|thị xã|thị trấn|đặc khu))?"
        r"(?:\s+[A-ZĐÀ-Ỹ][^\s,]*)*)\s+(?:xây dựng|ban hành)\s+[Kk]ế hoạch",
        text,
    )
    return match.group(1) if match else None


def _read_signer(lines: list[str]) -> Signer | None:
    authority: list[str] = []
    title = name = None
    for index, line in enumerate(lines):
        if _AUTHORITY.match(line):
            authority.append(line)
        elif _SIGNER_TITLE.match(line):
            title = line
            rest = [candidate for candidate in lines[index + 1 :] if not candidate.startswith("-")]
            name = rest[-1] if rest else None
            if name and (name.isupper() or _AUTHORITY.match(name)):
                name = None
            break
    if title is None and not authority:
        return None
    return Signer(name=name, title=title, authority=" ".join(authority) or None)


def _read_recipients(lines: list[str]) -> tuple[list[str], list[str]]:
    raw: list[str] = []
    started = False
    for line in lines:
        match = _RECIPIENTS.match(line)
        if match:
            started = True
            continue
        if started:
            if re.match(r"^[-–+•]\s*", line):
                raw.append(re.sub(r"^[-–+•]\s*", "", line))
            elif raw:
                break
    cleaned = [re.sub(r"\s+", " ", re.sub(r"(\./\.|[;.,])+\s*$", "", r)).strip() for r in raw]
    return cleaned, raw


def parse_text(text: str) -> ParsedPlan:
    """Parse a plan's plain text (already decoded to Unicode)."""
    lines = clean_lines(text)
    header = _read_header(lines)
    body_lines = lines[header.title_end :]
    closing = next((i for i, line in enumerate(body_lines) if _RECIPIENTS.match(line)), len(body_lines))
    tail_lines = body_lines[closing:]
    paras = paragraphs(body_lines[:closing])
    body_text = " ".join(paras)
    year = header.year

    sections: list[Section] = []
    items: list[Item] = []
    current_section: Section | None = None
    current_item: Item | None = None
    item_paras: dict[str, list[str]] = {}
    parent_number: str | None = None
    purposes: list[str] = []  # Mục đích, yêu cầu: kept as text, it assigns no work
    for para in paras:
        section = _SECTION.match(para)
        if section and section.group(2).upper()[:1].isalpha():
            current_section = Section(label=section.group(1), title=section.group(2).rstrip(":").strip())
            sections.append(current_section)
            current_item, parent_number = None, None
            continue
        if _CLOSING.match(para):
            current_item = None
            current_section = None
            continue
        if current_section is not None and fold(current_section.title).startswith("muc dich"):
            purposes.append(para)
            continue
        if current_section is None:
            continue
        item_match = _ITEM.match(para)
        sub_match = _SUBITEM.match(para)
        if item_match:
            parent_number = item_match.group(1)
            current_item = Item(path=f"{current_section.label}.{parent_number}")
            items.append(current_item)
            item_paras[current_item.path] = [item_match.group(2)]
        elif sub_match and parent_number is not None:
            current_item = Item(path=f"{current_section.label}.{parent_number}.{sub_match.group(1)}")
            items.append(current_item)
            item_paras[current_item.path] = [sub_match.group(2)]
        elif current_item is not None:
            item_paras[current_item.path].append(para)

    for item in items:
        section_title = fold(next(s.title for s in sections if item.path.startswith(s.label + ".")))
        has_children = any(other.path.startswith(item.path + ".") for other in items)
        _fill_item(
            item,
            item_paras[item.path],
            responsibility="to chuc thuc hien" in section_title,
            has_children=has_children,
        )

    issuer = header.issuer or _issuer_from_body(body_text)
    refs, numbers, unnumbered, ref_details = find_legal_refs(body_text)
    recipients, recipients_raw = _read_recipients(tail_lines)
    return ParsedPlan(
        doc_type=header.doc_type,
        number=header.number,
        symbol=header.symbol,
        issuer=issuer,
        place=header.place,
        date=header.date,
        date_partial=header.date_partial,
        year=year,
        title=header.title,
        sections=sections,
        items=items,
        deadlines=find_deadlines(body_text, year),
        legal_refs=refs,
        legal_ref_numbers=numbers,
        legal_refs_unnumbered=unnumbered,
        legal_ref_details=ref_details,
        purposes="\n".join(purposes),
        recipients=recipients,
        recipients_raw=recipients_raw,
        signer=_read_signer(tail_lines),
        source_text=text,
    )


def _fill_item(item: Item, paras: list[str], *, responsibility: bool, has_children: bool) -> None:
    first, rest = paras[0], paras[1:]
    body: list[str] = []
    for para in rest:
        field = _FIELD.match(para)
        if not field:
            body.append(para)
            continue
        label, value = fold(field.group(1)), field.group(2).strip()
        if label in ("co quan chu tri", "co quan tham muu"):
            item.lead += _split_agencies(value, on_commas=False)
        elif label == "co quan thuc hien":
            item.implementing += _split_agencies(value, on_commas=False)
        elif label == "co quan phoi hop":
            item.coordinating += _split_agencies(value, on_commas=False)
        else:
            item.timeframe = value.rstrip(". ").strip() or None
    duty = re.search(r"được phân công,\s*(.+?)\s+(?:có|chịu)\s+trách\s+nhiệm\s*:", first)
    if duty:
        item.lead += _split_agencies(duty.group(1), on_commas=False)
    elif (body or has_children) and len(first) <= 140 and not first.endswith(";"):
        item.heading = first.rstrip(":").strip()
        if responsibility:
            item.lead += _split_agencies(re.sub(r"^Đối với\s+", "", item.heading), on_commas=True)
    elif responsibility:
        # Run-in headings: "Đài Phát thanh xã Xây dựng chuyên mục ...", "Đề nghị HĐND các phường ...".
        named = re.sub(r"^Đề nghị\s+", "", first)
        if re.match(rf"(?:{_AGENCY_HEADS}|HĐND|UBMTTQ)\b", named, re.IGNORECASE):
            item.lead.append(_agency_phrase(named))
    if responsibility:
        # "Giao Phòng Nội vụ là cơ quan thường trực ...": an assignment inside the item.
        for match in re.finditer(r"\bGiao\s+", " ".join(body)):
            agency = _agency_phrase(" ".join(body)[match.end() :])
            if agency and agency not in item.lead:
                item.lead.append(agency)
    if responsibility:
        item.coordinating += [c for c in _coordinating(" ".join(body)) if c not in item.coordinating]
    # The item's own words, without its heading line: what the agency is asked to do.
    item.text = " ".join(body if item.heading else [first, *body])
