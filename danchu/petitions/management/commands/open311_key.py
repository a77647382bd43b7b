from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danchu.core.errors import DomainError
from danchu.petitions.selectors import commune_in_force
from danchu.petitions.services.keys import issue_key


class Command(BaseCommand):
    help = "Tạo khoá API Open311 cho một xã, phường (in khoá một lần; chỉ lưu mã băm)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="tên ứng dụng dùng khoá")
        parser.add_argument("--unit", required=True, help="mã đơn vị hành chính của xã, phường")

    def handle(self, *args: Any, **options: Any) -> None:
        unit = commune_in_force(options["unit"])
        if unit is None:
            raise CommandError(f"Không có xã, phường mã {options['unit']}.")
        try:
            _row, key = issue_key(actor=None, name=options["name"], unit=unit)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(key)
