"""What the plan reader finds inside paragraphs: agencies, deadlines and their receivers, legal references."""

from __future__ import annotations

import datetime as dt
import re

from danchu.core.text import fold

from .patterns import _AGENCY_HEADS, _AGENCY_STOP, _DUE, _LAW_BY_NAME, _RECEIVER, _REF, _REF_DATE
from .structure import Deadline


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
