from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danchu.core.errors import DomainError
from danchu.core.text import clean_text, fold


@pytest.mark.parametrize(
    ("text", "key"),
    [("Đắk Lắk", "dak lak"), ("Phường  Bãi Cháy", "phuong bai chay"), ("ĐẤT ĐAI", "dat dai"), ("Huế", "hue")],
)
def test_fold(text, key):
    assert fold(text) == key


@given(st.text(max_size=60))
def test_fold_is_ascii_lowercase_and_idempotent(text):
    key = fold(text)
    assert key.isascii()
    assert key == key.lower()
    assert fold(key) == key


def test_clean_text_refuses_nul_and_blank_and_long():
    with pytest.raises(DomainError, match="ký tự không hợp lệ"):
        clean_text("a\x00b", field="Tên")
    with pytest.raises(DomainError, match="không được để trống"):
        clean_text("   ", field="Tên")
    with pytest.raises(DomainError, match="dài quá 3"):
        clean_text("abcd", field="Tên", max_length=3)
    assert clean_text("  Thôn Đông ", field="Tên") == "Thôn Đông"
