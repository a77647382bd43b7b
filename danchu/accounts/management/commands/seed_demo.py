from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from danchu.accounts.demo import DEMO_PASSWORD, seed_demo
from danchu.core.errors import DomainError


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu (Quảng Ninh, Phường Bãi Cháy) và in tài khoản đăng nhập. Chạy lại an toàn."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            logins = seed_demo()
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):"))
        for login in logins:
            self.stdout.write(f"  {login.username:<18} {login.role} — {login.where}")
