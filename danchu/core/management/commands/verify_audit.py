from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danchu.core.audit import verify_chain


class Command(BaseCommand):
    help = "Kiểm tra chuỗi băm của nhật ký thao tác; báo mục đầu tiên bị sửa, xoá."

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Nhật ký bị can thiệp tại mục #{broken.entry_id}: {broken.reason} "
                f"(đã kiểm tra {checked} mục)."
            )
        self.stdout.write(self.style.SUCCESS(f"Nhật ký toàn vẹn: {checked} mục."))
