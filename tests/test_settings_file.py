"""Saving a setting from the app changes that key only: the technician's comments, blank
lines and key order in settings.toml stay exactly as they wrote them."""

from __future__ import annotations

import difflib

import pytest

from config.errors import ConfigError
from config.settings import load_settings
from terminal.ui.settings_file import update_settings

TECHNICIAN = """\
# Store 12, counter 2. Ask Zhao before changing the printer.
[terminal]
language = "en"   # the cashiers asked for English

[sync]
# The shop's uplink is slow in the evening.
request_timeout_seconds = 20
interval_seconds = 30

[camera]
height = 720
source = "/dev/video0"
width = 1280
decoders = ["zxing"]
"""


def changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line[:2] in ("- ", "+ ")
    ]


def test_the_wizards_keys_change_and_every_other_line_stays(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(TECHNICIAN, encoding="utf-8")
    update_settings(path, {"camera": {"source": "1"}, "scanner": {"port": "COM3"}})
    after = path.read_text(encoding="utf-8")
    assert changed_lines(TECHNICIAN, after) == [
        '- source = "/dev/video0"',
        '+ source = "1"',
        "+ ",
        "+ [scanner]",
        '+ port = "COM3"',
    ]
    settings = load_settings(path)
    assert (settings.camera.source, settings.scanner.port) == ("1", "COM3")
    assert settings.sync.request_timeout_seconds == 20


def test_switching_the_language_keeps_the_inline_comment(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(TECHNICIAN, encoding="utf-8")
    update_settings(path, {"terminal": {"language": "zh_CN"}})
    after = path.read_text(encoding="utf-8")
    assert 'language = "zh_CN"   # the cashiers asked for English' in after.splitlines()
    assert len(changed_lines(TECHNICIAN, after)) == 2


def test_a_value_the_loader_would_refuse_is_not_written(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text(TECHNICIAN, encoding="utf-8")
    with pytest.raises(ConfigError, match="interval_seconds"):
        update_settings(path, {"sync": {"interval_seconds": -1}})
    assert path.read_text(encoding="utf-8") == TECHNICIAN


def test_a_file_that_is_not_toml_is_refused_not_replaced(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[camera\nsource = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        update_settings(path, {"camera": {"source": "0"}})
    assert path.read_text(encoding="utf-8") == "[camera\nsource = "


def test_a_missing_file_is_created_with_the_keys_given(tmp_path):
    path = tmp_path / "settings.toml"
    update_settings(path, {"camera": {"decoders": ("zxing", "opencv")}})
    assert load_settings(path).camera.decoders == ("zxing", "opencv")
