from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danchu.plans.reminders import daily_reminders, scan


class Command(BaseCommand):
    help = "Đôn đốc: quét nhiệm vụ và nghĩa vụ sắp đến hạn, quá hạn; gửi thông báo một lần cho mỗi sự kiện."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="đặt lịch quét hằng ngày lúc 07:00 cho tiến trình db_worker thay vì quét ngay",
        )
        parser.add_argument("--date", help="quét như vào ngày này (YYYY-MM-DD), để kiểm tra")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            daily_reminders.enqueue()
            self.stdout.write("Đã đặt lịch đôn đốc hằng ngày (chạy `danchu db_worker` để thực hiện).")
            return
        today = dt.date.fromisoformat(options["date"]) if options["date"] else None
        result = scan(today)
        for key, count in sorted(result.rows.items()):
            self.stdout.write(f"{key}: {count}")
        self.stdout.write(f"Thông báo mới: {result.notifications}")
