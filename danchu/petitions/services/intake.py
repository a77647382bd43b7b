"""Tiếp nhận đơn: every channel's way into the one register (sổ xử lý đơn).

`register_letter` is the public service other apps call (a reception visit at the desk, a forwarded
letter, a later complaints app): it registers one letter with an un-guessable tracking code, keeps the
sender apart, sets the time to process it from the rulebook, and folds a second identical submission
within minutes into the first (the same text from the same sender or device is one item, not two).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit, calendar, policy, rulebook
from danchu.core.actors import Actor
from danchu.core.errors import DomainError
from danchu.core.text import clean_text
from danchu.units.models import Resident, Unit

from ..models import Channel, Classification, Letter, LetterHandling, Sender
from ..permissions import PetitionPerm
from . import sla

# Product choice: a submission repeated within this many minutes (a double tap on a slow line, a client
# retrying) is the same letter.
DUPLICATE_MINUTES = 10
# Channels a citizen uses by itself; every other channel is an officer registering what was received.
SELF_SERVICE = frozenset({Channel.PORTAL, Channel.PORTAL_GUEST, Channel.OPEN311})
# Tracking codes: 10 characters of an alphabet without look-alikes (0/O, 1/I/L): 31¹⁰ ≈ 8·10¹⁴ codes.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
MAX_TEXT = 4000  # Open311's limit on a description, kept for every channel
# Product choice: the oldest letter an officer may enter (a letter found late in the box).
MAX_DAYS_BACK = 366


@dataclass(frozen=True)
class SenderData:
    """Who sent a letter (người gửi); all optional: a letter from the box may be unsigned."""

    full_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    resident_id: int | None = None
    device: str = ""  # an Open311 device_id or the browser's cookie, for spotting repeats

    def cleaned(self) -> SenderData:
        return SenderData(
            full_name=clean_text(
                self.full_name,
                field="full_name",
                label=gettext_noop("Họ và tên"),
                max_length=200,
                required=False,
            ),
            address=clean_text(
                self.address, field="address", label=gettext_noop("Địa chỉ"), max_length=300, required=False
            ),
            phone=clean_text(
                self.phone, field="phone", label=gettext_noop("Số điện thoại"), max_length=20, required=False
            ),
            email=clean_text(
                self.email, field="email", label=gettext_noop("Thư điện tử"), max_length=254, required=False
            ),
            resident_id=self.resident_id,
            device=clean_text(
                self.device, field="device", label=gettext_noop("Thiết bị"), max_length=100, required=False
            ),
        )

    def identity(self) -> str:
        return "|".join(
            (str(self.resident_id or ""), self.device, self.phone, self.email.lower(), self.full_name.lower())
        )


def user_of(actor: Actor | None) -> User | None:
    """The account behind `actor` (None for the public, the system or an Open311 client)."""
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def fingerprint(unit: Unit, sender: SenderData, account_id: int | None, text: str) -> str:
    """What makes a second submission a repeat of the first (one item, not two): the same sender and
    text. With no identity to compare (no account, name, phone, email, device, resident), two senders
    cannot be told apart, so each gets a mark of its own and its own letter (and tracking code)."""
    who = f"account:{account_id}" if account_id else sender.identity()
    if not who.replace("|", "").strip():
        return secrets.token_hex(32)
    return hashlib.sha256(f"{unit.pk}\n{who}\n{' '.join(text.split()).lower()}".encode()).hexdigest()


def process_by(channel: str, received_on: dt.date, unit: Unit) -> dt.date:
    """The deadline to decide on a letter: 10 working days to answer a person received at the desk
    (Luật Tiếp công dân Art. 28), else the rulebook's time to process a letter."""
    if channel == Channel.RECEPTION:
        days = rulebook.number("reception.feedback_working_days", on=received_on, unit=unit)
        return calendar.add_working_days(received_on, days)
    return received_on + dt.timedelta(
        days=rulebook.number("petition.letter_process_days", on=received_on, unit=unit)
    )


def _check_received_on(received_on: dt.date, today: dt.date) -> None:
    if received_on > today:
        raise DomainError(_("Ngày nhận đơn không được sau hôm nay."), field="received_on")
    if received_on < today - dt.timedelta(days=MAX_DAYS_BACK):
        raise DomainError(
            _("Ngày nhận đơn không được trước hôm nay quá %(max_days_back)s ngày.")
            % {"max_days_back": MAX_DAYS_BACK},
            field="received_on",
        )


def register_letter(
    *,
    actor: Actor | None,
    unit: Unit,
    channel: str,
    sender: SenderData,
    subject: str,
    text: str,
    received_on: dt.date | None = None,
    classification: str = Classification.UNCLASSIFIED,
    signers: int = 1,
    source: str = "",
    forwarded_from: Letter | None = None,
) -> Letter:
    """Vào sổ một đơn. Officers' channels need REGISTER on `unit`; the citizen's own (portal, Open311)
    need none (the caller checked the API key). Returns the existing letter for a repeat."""
    with transaction.atomic():
        letter, _created = register_or_repeat(
            actor=actor,
            unit=unit,
            channel=channel,
            sender=sender,
            subject=subject,
            text=text,
            received_on=received_on,
            classification=classification,
            signers=signers,
            source=source,
            forwarded_from=forwarded_from,
        )
        return letter


def register_or_repeat(
    *,
    actor: Actor | None,
    unit: Unit,
    channel: str,
    sender: SenderData,
    subject: str,
    text: str,
    received_on: dt.date | None,
    classification: str = Classification.UNCLASSIFIED,
    signers: int = 1,
    source: str = "",
    forwarded_from: Letter | None = None,
    authorised: bool = False,
) -> tuple[Letter, bool]:
    """`register_letter`, saying whether the letter is new (False: a repeat of one minutes old).
    Call inside a transaction (the unit's row is locked so that two repeats cannot both be new)."""
    if channel not in Channel.values:
        raise DomainError(_("Hình thức tiếp nhận không hợp lệ."), field="channel")
    if classification not in Classification.values:
        raise DomainError(_("Phân loại đơn không hợp lệ."), field="classification")
    if channel not in SELF_SERVICE and not authorised:  # a transfer was authorised at the sending unit
        policy.require(actor, PetitionPerm.REGISTER, unit)
    today = timezone.localdate()
    received_on = received_on or today
    _check_received_on(received_on, today)
    subject = clean_text(subject, field="subject", label=gettext_noop("Tiêu đề"), max_length=200)
    text = clean_text(text, field="text", label=gettext_noop("Nội dung"), max_length=MAX_TEXT)
    if not 1 <= signers <= 100_000:
        raise DomainError(_("Số người ký đơn phải từ 1 đến 100000."), field="signers")
    sender = sender.cleaned()
    account = user_of(actor) if channel == Channel.PORTAL else None
    if sender.resident_id is not None and not Resident.objects.filter(pk=sender.resident_id).exists():
        raise DomainError(_("Không tìm thấy nhân khẩu của người gửi."), field="resident")
    Unit.objects.select_for_update().filter(pk=unit.pk).first()  # serialise a commune's intake (repeats)
    mark = fingerprint(unit, sender, account.pk if account else None, text)
    since = timezone.now() - dt.timedelta(minutes=DUPLICATE_MINUTES)
    repeat = Letter.objects.filter(unit=unit, fingerprint=mark, created_at__gte=since).order_by("id").first()
    if repeat is not None:
        return repeat, False
    letter = Letter.objects.create(
        unit=unit,
        tracking_code=_unique_code(),
        channel=channel,
        classification=classification,
        subject=subject,
        text=text,
        received_on=received_on,
        process_by=process_by(channel, received_on, unit),
        signers=signers,
        account=account,
        registered_by=user_of(actor),
        fingerprint=mark,
        source=source[:60],
        forwarded_from=forwarded_from,
    )
    Sender.objects.create(
        letter=letter,
        full_name=sender.full_name,
        address=sender.address,
        phone=sender.phone,
        email=sender.email,
        resident_id=sender.resident_id,
        device=sender.device,
    )
    sla.letter_registered(letter)
    LetterHandling.objects.create(
        letter=letter,
        kind="register",
        at=timezone.now(),
        actor=letter.registered_by,
        data={"channel": channel},
    )
    audit.record(
        actor=actor,
        action="petitions.letter.register",
        obj=letter,
        after={
            "channel": channel,
            "classification": classification,
            "received_on": received_on,
            "source": source,
        },
        scope_unit_id=unit.pk,
    )
    return letter, True


def _unique_code() -> str:
    while True:
        code = new_tracking_code()
        if not Letter.objects.filter(tracking_code=code).exists():
            return code
