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
