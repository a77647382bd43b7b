from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from danchu.units.loader import load_national_units


class Command(BaseCommand):
    help = "Nạp danh mục đơn vị hành chính hiện hành và trước sắp xếp (chạy lại không thay đổi gì)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        result = load_national_units()
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Đơn vị: thêm {result.created}, cập nhật {result.updated}; quan hệ kế thừa thêm {result.links}; "
            f"{elapsed:.1f} giây."
        )
        if not result.changed:
            self.stdout.write("Dữ liệu đã đầy đủ, không có thay đổi.")
