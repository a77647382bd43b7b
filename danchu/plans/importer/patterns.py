"""The patterns and word lists the plan reader recognises (Nghị định 30/2020 layout, Vietnamese)."""

from __future__ import annotations

import re

ROMAN = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
_SECTION = re.compile(rf"^({ROMAN})\.\s*(.+?)\s*$")
_ITEM = re.compile(r"^(\d{1,2})\.\s*(.*)$")
_SUBITEM = re.compile(r"^([a-zđ])\)\s*(.*)$")
_FIELD = re.compile(
    r"^[-–+•]?\s*(Cơ quan chủ trì|Cơ quan tham mưu|Cơ quan thực hiện|Cơ quan phối hợp|"
    r"Thời gian thực hiện|Thời gian hoàn thành)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"^(Trên đây là|Nơi nhận)", re.IGNORECASE)
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?\s*(.*)$", re.IGNORECASE)
_AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*\S")
_SIGNER_TITLE = re.compile(
    r"^(PHÓ CHỦ TỊCH|CHỦ TỊCH|PHÓ TRƯỞNG BAN|TRƯỞNG BAN|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|CHÁNH VĂN PHÒNG)$"
)
_NUMBER = re.compile(r"Số\s*:\s*(\d*)\s*/\s*([0-9A-Za-zĐđÐ\-]+)")
_PLACE_DATE = re.compile(r",\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
DOC_TYPES = {"KẾ HOẠCH": "KH", "BÁO CÁO": "BC", "QUYẾT ĐỊNH": "QĐ", "CÔNG VĂN": "CV", "THÔNG BÁO": "TB"}
_MOTTO = re.compile(r"CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|Độc lập\s*[-–]\s*Tự do", re.IGNORECASE)

REF_TYPES = (
    "Chương trình phối hợp",
    "Chương trình",
    "Nghị định",
    "Nghị quyết",
    "Quyết định",
    "Kế hoạch",
    "Thông tư",
    "Chỉ thị",
    "Công văn",
    "Kết luận",
    "Đề án",
    "Pháp lệnh",
    "Hướng dẫn",
    "Thông báo",
    "Quy định",
    "Luật",
)
_REF = re.compile(r"\b(" + "|".join(REF_TYPES) + r")\s+(?:(số|sô)\s*)?(\d+(?:\s?[-/]\s?[0-9A-Za-zĐđÐ]+)*)")
_LAW_BY_NAME = re.compile(r"\bLuật\s+([Tt]hực hiện dân chủ ở cơ sở)")
_DATE = r"(\d{1,2})/(\d{1,2})(?:/(\d{4}))?"
_DUE = re.compile(rf"(?:(?:từ\s+(?:ngày\s+)?{_DATE}\s+)?đến\s+)?trước\s+ngày\s+{_DATE}", re.IGNORECASE)
_RECEIVER = re.compile(
    r"(?:gửi\s+)?về\s+((?:(?!\s(?:trước|đối với)\b)[^,;.])+?(?:\([^)]*\))?)\s*(?=trước ngày|[,;.]|$)"
)
_AGENCY_HEADS = "|".join(
    [
        "Sở",
        "Đài",
        "Báo",
        "Ban",
        "Phòng",
        "Văn phòng",
        "Bộ phận",
        "Ủy ban",
        "Uỷ ban",
        "UBND",
        "Thanh tra",
        "Công an",
        "Hội",
        "Đoàn",
        "Liên đoàn",
        "Mặt trận",
        "Trung tâm",
        "Chi cục",
        "Cục",
        "Viện",
        "Trường",
        "Bệnh viện",
        "Thủ trưởng",
        "Chủ tịch",
        "Kho bạc",
        "Bảo hiểm",
        "Tòa án",
        "Viện kiểm sát",
        "Công chức",
        "Cán bộ",
        "các",
    ]
)
_AGENCY_STOP = (
    "tổ chức",
    "tiếp tục",
    "theo dõi",
    "tham mưu",
    "thực hiện",
    "triển khai",
    "hướng dẫn",
    "xây dựng",
    "kiểm tra",
    "tuyên truyền",
    "đôn đốc",
    "rà soát",
    "chấm",
    "đánh giá",
    "bố trí",
    "tập trung",
    "giải quyết",
    "báo cáo",
    "về",
    "để",
    "trong",
    "nhằm",
    "cho",
    "tại",
    "theo",
    "tăng cường",
    "phối hợp",
    "chỉ đạo",
    "định kỳ",
    "chủ động",
    "có trách nhiệm",
    "là",
)

_REF_DATE = re.compile(
    r"\s*,?\s*ngày\s+(?:(\d{1,2})/(\d{1,2})/(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))"
    r"(?:\s+của\s+(.+?))?"
    r"(?=\s+(?:về|quy định|ban hành|triển khai|hướng dẫn|thực hiện|phối hợp)\b|[;,.:(“\"]|$)"
)

_CONTINUES = {
    "với",
    "và",
    "của",
    "các",
    "cho",
    "ở",
    "về",
    "trong",
    "những",
    "để",
    "theo",
    "tại",
    "đến",
    "từ",
    "là",
}
