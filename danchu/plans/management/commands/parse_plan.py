from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danchu.plans.importer import DocumentError, read_plan


class Command(BaseCommand):
    help = (
        "Đọc một kế hoạch (.txt, .md, .docx, .pdf) và in cấu trúc: số hiệu, mục, nhiệm vụ, thời hạn, căn cứ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", help="in JSON (mặc định: tóm tắt)")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            plan = read_plan(path.name, path.read_bytes())
        except DocumentError as exc:
            raise CommandError(exc.message) from exc
        if options["json"]:
            data = {"source_file": path.name, "complete": True, **plan.as_json()}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{plan.doc_type or '?'} {plan.number or plan.symbol or ''} — {plan.title}")
        self.stdout.write(f"{plan.issuer}; {plan.place}, {plan.date or plan.date_partial}")
        self.stdout.write(
            f"{len(plan.sections)} phần, {len(plan.items)} nội dung, {len(plan.deadlines)} thời hạn, "
            f"{len(plan.legal_refs)} văn bản căn cứ, {len(plan.recipients)} nơi nhận"
        )
