"""Rule-based reading of a Vietnamese administrative plan (Nghị định 30/2020 layout).

The text goes through three passes: lines are cleaned (markdown, spacing) and joined into
paragraphs; the header (issuer, number, place and date, type, title) is read from the top; the
body is cut into sections (I, II, ...) and numbered items, from which labelled agency fields,
responsibility phrases, deadlines and legal references are read.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from danchu.core.text import fold

from .structure import Deadline, Item, ParsedPlan, Section, Signer

ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
_SECTION = re.compile(rf"^({ROMAN})\.\s*(.+?)\s*$")
_ITEM = re.compile(r"^(\d{1,2})\.\s*(.*)$")
_SUBITEM = re.compile(r"^([a-zđ])\)\s*(.*)$")
_FIELD = re.compile(
    r"^[-–+•]?\s*(Cơ quan chủ trì|Cơ quan tham mưu|Cơ quan thực hiện|Cơ quan phối hợp|"
    r"Thời gian thực hiện|Thời gian hoàn thành)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"^(Trên đây là|Nơi nhận)", re.IGNORECASE)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*\S")
_SIGNER_TITLE = re.compile(
    r"^(PHÓ CHỦ TỊCH|CHỦ TỊCH|PHÓ TRƯỞNG BAN|TRƯỞNG BAN|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|CHÁNH VĂN PHÒNG)$"
)
_NUMBER = re.compile(r"Số\s*:\s*(\d*)\s*/\s*([0-9A-Za-zĐđÐ\-]+)")
_PLACE_DATE = re.compile(r",\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
DOC_TYPES = {"KẾ HOẠCH": "KH", "BÁO CÁO": "BC", "QUYẾT ĐỊNH": "QĐ", "CÔNG VĂN": "CV", "THÔNG BÁO": "TB"}
_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do", re.IGNORECASE)

REF_TYPES = (
    "Chương trình phối hợp",
    "Chương trình",
    "Nghị định",
    "Nghị quyết",
    "Quyết định",
    "Kế hoạch",
    "Thông tư",
    "Chỉ thị",
    "Công văn",
    "Kết luận",
    "Đề án",
    "Pháp lệnh",
    "Hướng dẫn",
    "Thông báo",
    "Quy định",
    "Luật",
)
_REF = re.compile(r"\b(" + "|".join(REF_TYPES) + r")\s+(?:(số|sô)\s*)?(\d+(?:\s?[-/]\s?[0-9A-Za-zĐđÐ]+)*)")
_LAW_BY_NAME = re.compile(r"\bLuật\s+([Tt]hực hiện dân chủ ở cơ sở)")
_DATE = r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?"
_DUE = re.compile(rf"(?:(?:từ\s+(?:ngày\s+)?{_DATE}\s+)?đến\s+)?trước\s+ngày\s+{_DATE}", re.IGNORECASE)
_RECEIVER = re.compile(
    r"(?:gửi\s+)?về\s+((?:(?!\s(?:trước|đối với)\b)[^,;.])+?(?:\([^)]*\))?)\s*(?=trước ngày|[,;.]|$)"
)
_AGENCY_HEADS = "|".join(
    [
        "Sở",
        "Đài",
        "Báo",
        "Ban",
        "Phòng",
        "Văn phòng",
        "Bộ phận",
        "Ủy ban",
        "Uỷ ban",
        "UBND",
        "Thanh tra",
        "Công an",
        "Hội",
        "Đoàn",
        "Liên đoàn",
        "Mặt trận",
        "Trung tâm",
        "Chi cục",
        "Cục",
        "Viện",
        "Trường",
        "Bệnh viện",
        "Thủ trưởng",
        "Chủ tịch",
        "Kho bạc",
        "Bảo hiểm",
        "Tòa án",
        "Viện kiểm sát",
        "Công chức",
        "Cán bộ",
        "các",
    ]
)
_AGENCY_STOP = (
    "tổ chức",
    "tiếp tục",
    "theo dõi",
    "tham mưu",
    "thực hiện",
    "triển khai",
    "hướng dẫn",
    "xây dựng",
    "kiểm tra",
    "tuyên truyền",
    "đôn đốc",
    "rà soát",
    "chấm",
    "đánh giá",
    "bố trí",
    "tập trung",
    "giải quyết",
    "báo cáo",
    "về",
    "để",
    "trong",
    "nhằm",
    "cho",
    "tại",
    "theo",
    "tăng cường",
    "phối hợp",
    "chỉ đạo",
    "định kỳ",
    "chủ động",
    "có trách nhiệm",
    "là",
)


def _clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).replace("\u00a0", " ").replace("\t", " ")
    line = re.sub(r"^\s*#{1,6}\s*", "", line)
    line = line.replace("**", "")
    line = re.sub(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", r"\1", line)
    return re.sub(r"\s+", " ", line).strip()


def clean_lines(text: str) -> list[str]:
    """Non-empty cleaned lines; a word broken by a hyphen at the end of a line is rejoined."""
    lines = [_clean_line(raw) for raw in text.splitlines()]
    result: list[str] = []
    for line in lines:
        if not line or re.fullmatch(r"[-_=*]{3,}", line) or re.fullmatch(r"(Trang\s*)?\d{1,3}", line):
            continue
        result.append(line)
    return result


def starts_block(line: str) -> bool:
    return bool(
        _SECTION.match(line)
        or _ITEM.match(line)
        or _SUBITEM.match(line)
        or re.match(r"^[-–+•]\s", line)
        or _CLOSING.match(line)
        or _AUTHORITY.match(line)
        or _SIGNER_TITLE.match(line)
    )


_CONTINUES = {
    "với",
    "và",
    "của",
    "các",
    "cho",
    "ở",
    "về",
    "trong",
    "những",
    "để",
    "theo",
    "tại",
    "đến",
    "từ",
    "là",
}


def paragraphs(lines: list[str]) -> list[str]:
    """Join wrapped lines. A line continues the previous one unless it starts a block, or the previous
    one ended a sentence, or the previous one stopped short of the text width before a capital letter
    (a heading) without ending on a word that needs a continuation."""
    lengths = sorted(len(line) for line in lines if len(line) > 40)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 80
    result: list[str] = []
    previous = ""
    for line in lines:
        if result and not starts_block(line) and _continues(previous, line, width):
            result[-1] = f"{result[-1]} {line}"
        else:
            result.append(line)
        previous = line
    return result


def _continues(previous: str, line: str, width: int) -> bool:
    if re.search(r"[.:;!?]$|\./\.$", previous):
        return False
    last_word = previous.rsplit(" ", 1)[-1].lower()
    if last_word in _CONTINUES or not line[:1].isupper():
        return True
    return len(previous) >= 0.86 * width


def _split_agencies(text: str, *, on_commas: bool) -> list[str]:
    text = text.strip().rstrip(".;:").strip()
    if not text:
        return []
    parts = [p.strip() for p in text.split(";")]
    if on_commas:
        split: list[str] = []
        for part in parts:
            split += [p.strip() for p in re.split(rf",\s+(?=(?:{_AGENCY_HEADS})\b)", part)]
        parts = split
    return [p for p in parts if p]


def _agency_phrase(text: str) -> str:
    """The agency named at the start of `text`, up to the first verb-like word (not after 'các')."""
    words = text.split()
    taken: list[str] = []
    bare = [w.strip(",;.:()").lower() for w in words]
    for i, word in enumerate(words):
        two = " ".join(bare[i : i + 2])
        three = " ".join(bare[i : i + 3])
        prev = bare[i - 1] if i else ""
        stop = two in _AGENCY_STOP or three in _AGENCY_STOP or bare[i] in _AGENCY_STOP
        if prev not in ("các", "những") and stop:
            break
        if re.search(r"[;.:()]$", word):
            taken.append(word.rstrip(";.:"))
            break
        taken.append(word)
    return " ".join(taken).strip(" ,")


def _coordinating(text: str) -> list[str]:
    found: list[str] = []
    for match in re.finditer(r"phối hợp với\s+", text, re.IGNORECASE):
        phrase = _agency_phrase(text[match.end() :])
        for part in re.split(r",\s+|\s+và\s+(?=[A-ZĐ]|các\s)", phrase):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    return found


def _date_iso(day: str, month: str, year: str | None, default_year: int | None) -> str | None:
    y = int(year) if year else default_year
    if y is None:
        return None
    return f"{y:04d}-{int(month):02d}-{int(day):02d}"


def _classify(before: str, after: str) -> str:
    tail = fold(after[:60])
    scope = tail if tail.startswith("doi voi") else fold(before)
    if "dang ky" in scope and "mo hinh" in scope:
        return "model_registration"
    if re.search(r"\b(06|6|sau) thang", scope):
        return "report_6m"
    if re.search(r"bao cao (nam|hang nam|hang nam)|\b(01|1|mot) nam\b|bao cao ket qua nam", scope):
        return "report_annual"
    if "ke hoach" in scope:
        return "plan"
    return "other"


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r"\.(?=\s+[A-ZĐÀ-Ỹ\"“(])|\./\.|$", text):
        spans.append((start, match.end()))
        start = match.end()
    return spans


def find_deadlines(text: str, year: int | None) -> list[Deadline]:
    deadlines: list[Deadline] = []
    sentences = _sentences(text)
    previous_end = 0
    for match in _DUE.finditer(text):
        s_start, s_end = next(((a, b) for a, b in sentences if a <= match.start() < b), (0, len(text)))
        segment_start = max(s_start, previous_end)
        before = text[segment_start : match.start()]
        after = text[match.end() : s_end]
        to = _receiver_before(before)
        if to is None:
            to = _receiver_before(text[s_start : match.start()]) or _receiver_after(after)
        due = _date_iso(match.group(4), match.group(5), match.group(6), year)
        window = _date_iso(match.group(1), match.group(2), match.group(3), year) if match.group(1) else None
        due_text = text[match.start() : match.end()]
        deadlines.append(
            Deadline(what=_classify(before, after), due=due, due_text=due_text, to=to, window_start=window)
        )
        previous_end = match.end()
    return deadlines


def _receiver_before(segment: str) -> str | None:
    matches = list(_RECEIVER.finditer(segment))
    if not matches:
        return None
    # "gửi về A và gửi 01 bản về B trước ngày", "gửi về A, B trước ngày": from the first "gửi về" to the date.
    first_send = re.search(r"gửi\s+về\s+", segment)
    if first_send:
        tail = segment[first_send.end() :].strip(" ,")
        if tail and not re.search(r"[;.:]|\s-\s", tail):
            return tail
    return matches[-1].group(1).strip()


def _receiver_after(segment: str) -> str | None:
    match = _RECEIVER.search(segment)
    return match.group(1).strip() if match else None


_REF_DATE = re.compile(
    r"\s*,?\s*ngày\s+(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
    r"(?:\s+của\s+(.+?))?"
    r"(?=\s+(?:về|quy định|ban hành|triển khai|hướng dẫn|thực hiện|phối hợp)\b|[;,.:(“\"]|$)"
)


def find_legal_refs(text: str) -> tuple[list[str], list[str], list[str], list[dict[str, str | None]]]:
    """Cited documents as written, their normalised numbers, laws cited by name, and for each citation
    its type, number, date and issuer where the text gives them ("… ngày 14/3/2023 của UBND thành phố")."""
    refs: list[str] = []
    numbers: list[str] = []
    details: list[dict[str, str | None]] = []
    for match in _REF.finditer(text):
        kind, so, number = match.group(1), match.group(2), match.group(3)
        if not re.search(r"[A-Za-zĐđÐ]", number):
            continue  # a date or a bare number, not a document symbol
        normalized = re.sub(r"\s*([-/])\s*", r"\1", number).replace("Ð", "Đ")
        if normalized in numbers:
            continue
        numbers.append(normalized)
        refs.append(f"{kind} {so} {number}" if so else f"{kind} {number}")
        issued = _REF_DATE.match(text, match.end())
        date = issuer = None
        if issued:
            day, month, year = (
                (issued.group(1), issued.group(2), issued.group(3))
                if issued.group(1)
                else (issued.group(4), issued.group(5), issued.group(6))
            )
            try:
                date = dt.date(int(year), int(month), int(day)).isoformat()
            except ValueError:
                date = None
            issuer = issued.group(7).strip() if issued.group(7) else None
        details.append({"type": kind, "number": normalized, "date": date, "issuer": issuer})
    unnumbered: list[str] = []
    for match in _LAW_BY_NAME.finditer(text):
        name = f"Luật {match.group(1)}"
        if fold(name) not in {fold(u) for u in unnumbered}:
            unnumbered.append(name)
    return refs, numbers, unnumbered, details


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
