"""Demo reception for `danchu seed_demo`: Bãi Cháy's schedule (Thursdays, published), a few visits in its
log (one overdue, one answered, one group), a dialogue held today with its questions answered and a
commitment followed as a task, and one announced for next month taking questions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danchu.accounts.demo import COMMUNE_CODE
from danchu.accounts.models import User
from danchu.units.models import Agency, Generation, Tier, Unit

from . import services
from .models import Audience, Dialogue, Outcome, QuestionChannel, VisitKind
from .services.commitments import add_commitment


def seed(admin: User) -> None:
    commune = Unit.objects.get(code=COMMUNE_CODE, tier=Tier.COMMUNE, generation=Generation.CURRENT)
    if Dialogue.objects.filter(unit=commune).exists():
        return
    officer = User.objects.get(username="baichay.vanphong")
    chairman = "Nguyễn Văn Thành"
    today = timezone.localdate()
    services.save_schedule(
        actor=officer, unit=commune, weekdays=[3], morning="07:30–11:30", afternoon="13:30–17:00",
        place="Phòng tiếp công dân, trụ sở UBND phường", chairman=chairman,
        stand_in="Trần Thị Hòa, Phó Chủ tịch UBND phường",
        rules_note="Công dân mang theo căn cước; đoàn từ 5 người trở lên cử người đại diện.",
    )  # fmt: skip
    services.publish_schedule(actor=officer, unit=commune)
    services.log_visit(
        actor=officer, unit=commune, received_on=today - dt.timedelta(days=30), host=chairman,
        by_chairman=True,
        visitor_name="Phạm Văn Hải", visitor_address="Tổ 3, phường Bãi Cháy", kind=VisitKind.PETITION,
        subject="Đề nghị sửa cống thoát nước trước nhà số 12, ngập khi mưa lớn.",
        documents="Đơn kiến nghị (01 bản), ảnh chụp (03 tờ)", letter=True,
    )  # fmt: skip
    answered = services.log_visit(
        actor=officer, unit=commune, received_on=today - dt.timedelta(days=6), host=chairman,
        by_chairman=True,
        visitor_name="Lê Thị Thu", visitor_address="Tổ 1, phường Bãi Cháy", kind=VisitKind.COMPLAINT,
        subject="Khiếu nại việc tính tiền bồi thường khi mở rộng đường Hạ Long.",
        documents="Đơn khiếu nại, quyết định bồi thường (bản sao)",
    )  # fmt: skip
    services.answer_visit(
        actor=officer, visit=answered, outcome=Outcome.ACCEPTED, answered_on=today,
        answer="Đơn đủ điều kiện, đã thụ lý giải quyết lần đầu; thông báo thụ lý gửi bà Thu.",
    )  # fmt: skip
    services.log_visit(
        actor=officer, unit=commune, received_on=today, host="Trần Thị Hòa", by_chairman=True,
        visitor_name="Đoàn hộ dân tổ 2", visitor_address="Tổ 2, phường Bãi Cháy", people_count=7,
        representatives="Ngô Văn Bình\nĐặng Thị Yến", kind=VisitKind.PETITION,
        subject="Kiến nghị làm lại đèn chiếu sáng ngõ 45.",
    )  # fmt: skip
    dialogue = services.plan_dialogue(
        actor=officer, unit=commune, topic="Chỉnh trang đô thị và trật tự vỉa hè khu du lịch", held_on=today,
        place="Hội trường UBND phường", audience=Audience.CITIZENS, chair=chairman,
        audience_note="Đại diện các hộ kinh doanh và Nhân dân các tổ dân phố",
    )  # fmt: skip
    question = services.add_question(
        actor=officer, dialogue=dialogue, channel=QuestionChannel.ON_THE_DAY, asker_name="Vũ Văn Nam",
        text="Bao giờ phường lắp lại biển cấm đỗ xe trên đường Hạ Long?",
    )  # fmt: skip
    services.answer_question(
        actor=officer, question=question, answered_by=chairman,
        answer="Phường sẽ đặt lại biển báo cùng Công an phường trong tháng này.",
    )  # fmt: skip
    agency = Agency.objects.filter(unit=commune).order_by("id").first()
    add_commitment(
        actor=officer, question=question, text="Lắp lại biển cấm đỗ xe trên đường Hạ Long",
        due_on=today + dt.timedelta(days=30), agency=agency,
    )  # fmt: skip
    services.record_minutes(
        actor=officer, dialogue=dialogue, secretary="Lê Thị Mai", attendance=85,
        opened_at=dt.time(8, 0), closed_at=dt.time(11, 0),
        summary="Chủ tịch UBND phường nêu mục đích buổi đối thoại; Nhân dân nêu 1 ý kiến; Chủ tịch trả lời.",
        conclusion="Giao Công an phường và bộ phận địa chính thực hiện cam kết, báo cáo kết quả trên cổng.",
    )  # fmt: skip
    services.plan_dialogue(
        actor=officer, unit=commune, topic="Thu gom rác thải sinh hoạt và phí vệ sinh năm tới",
        held_on=today + dt.timedelta(days=30), place="Nhà văn hóa tổ 1", audience=Audience.CITIZENS,
        chair=chairman, questions_until=today + dt.timedelta(days=28),
    )  # fmt: skip
