from __future__ import annotations

from danchu.accounts.models import Notification
from danchu.accounts.notifications import Message, deliver


def test_a_notification_is_emailed_once_with_a_link_to_this_site(
    personas, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DANCHU_SITE_URL = "http://127.0.0.1:8123"  # the address the server was started on
    user = personas["commune_official"]
    message = Message(user.pk, "report:1:return", "Báo cáo bị trả lại", "Bổ sung số liệu.", "/bao-cao/nop/1/")
    with django_capture_on_commit_callbacks(execute=True):
        deliver([message])
    with django_capture_on_commit_callbacks(execute=True):
        deliver([message])  # the same event again: nothing new
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert mailoutbox[0].body == "Bổ sung số liệu.\n\nhttp://127.0.0.1:8123/bao-cao/nop/1/"
    assert Notification.objects.get().emailed_at is not None


def test_a_batch_is_stored_as_sent_in_batches_once_per_event(personas, monkeypatch):
    from danchu.accounts import notifications

    monkeypatch.setattr(notifications, "_ROWS_PER_INSERT", 2)  # three statements for five messages
    official, citizen = personas["commune_official"], personas["citizen"]
    deliver([Message(official.pk, "task:7:overdue", "Đã có")])
    odd = 'Trích "dẫn", \\ gạch chéo, {ngoặc} và dòng\nmới; 𝔘 ngoài BMP'
    sent = deliver(
        [
            Message(official.pk, "task:7:overdue", "Lần hai"),  # had it already
            Message(official.pk, "task:8:overdue", odd, odd, "/x/?a=1&b=2"),
            Message(official.pk, "task:8:overdue", "Trùng trong lô"),  # twice in the batch
            Message(citizen.pk, "k" * 200, "T" * 400, "B" * 5000, "/" + "u" * 400),
            Message(citizen.pk, "task:9:before", "Sắp đến hạn"),
        ]
    )
    assert sent == 5  # offered; the unique key keeps one row per event
    stored = {(n.user_id, n.key): n for n in Notification.objects.all()}
    assert len(stored) == 4
    assert stored[(official.pk, "task:7:overdue")].title == "Đã có"
    eight = stored[(official.pk, "task:8:overdue")]
    assert (eight.title, eight.body, eight.url) == (odd, odd, "/x/?a=1&b=2")
    long = stored[(citizen.pk, "k" * 120)]
    assert (len(long.title), len(long.body), len(long.url)) == (300, 5000, 300)
    assert all(n.created_at is not None and n.read_at is None for n in stored.values())


def test_a_nul_is_dropped_not_the_text_after_it(personas):
    # PostgreSQL refuses a NUL and SQLite's JSON functions end the text at one: both now store the rest.
    user = personas["commune_official"]
    deliver([Message(user.pk, "nul\x00a", "trước\x00sau", "thân\x00bài", "/a\x00b")])
    deliver([Message(user.pk, "nul\x00b", "khác")])  # another event, not the first one again
    first, second = Notification.objects.filter(user=user).order_by("pk")
    assert (first.key, first.title, first.body, first.url) == ("nula", "trướcsau", "thânbài", "/ab")
    assert (second.key, second.title) == ("nulb", "khác")
