"""Words of the catalogue: Chinese with parameters, English from the catalogue."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmodel.errors import CobuildError
from graphmodel.window import parse_window
from translations import english, text, words


def test_a_text_is_chinese_in_chinese_and_the_catalogues_english_in_english():
    """text() gives the Chinese as written, the English from the catalogue."""
    assert (text("单位", "zh"), text("单位", "en")) == ("单位", "Units")


def test_a_text_without_an_entry_shows_as_written_in_both_languages():
    """A Chinese text the catalogue lacks is shown as it is, not dropped."""
    assert english("没有这条的译文") == "没有这条的译文"


def test_parameters_fill_both_languages():
    """The same parameters fill the Chinese and the English template."""
    found = words("找到 {n} 个单位", n=3)
    assert (found.zh, found.en) == ("找到 3 个单位", "3 units found")


def test_a_list_parameter_is_joined_as_each_language_writes_lists():
    """A list is joined with 、 in Chinese and a comma in English."""
    message = words("范围中的街道或协作区不存在：{unknown}", unknown=["S1", "S2"])
    assert message.zh.endswith("S1、S2") and message.en.endswith("S1, S2")


def test_a_parameter_that_is_words_is_shown_in_the_same_language():
    """Nested words (a hint, a place) follow the language of the message around them."""
    hint = words("；是否指“{street}”？", street="沙市街道")
    message = words("所属街道“{text}”不是已知的街道{hint}", text="沙河街道", hint=hint)
    assert message.zh == "所属街道“沙河街道”不是已知的街道；是否指“沙市街道”？"
    assert message.en == "street '沙河街道' is not a known street; did you mean '沙市街道'?"


def test_a_domain_error_keeps_both_messages_and_the_bilingual_text():
    """A raise gives the Chinese; the error carries both and prints 中文 / English."""
    with pytest.raises(CobuildError) as raised:
        parse_window(None, "十二", today=dt.date(2026, 6, 30))
    error = raised.value
    assert error.message_zh == "时间窗口长度须为整数个月，而不是 '十二'"
    assert error.message_en == "the window length must be a whole number of months, not '十二'"
    assert str(error) == f"{error.message_zh} / {error.message_en}"


def test_a_literal_brace_is_written_doubled_with_or_without_parameters():
    """Templates are format strings: {{ }} shows one brace even when nothing is filled in."""
    assert words('请以 JSON 发送 {{"note": 备注}}').zh == '请以 JSON 发送 {"note": 备注}'
