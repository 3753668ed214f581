"""Settings from TOML: defaults, overrides, and a clear sentence for every bad value."""

from __future__ import annotations

import pytest

from config import ConfigError, load_settings
from config.paths import DataPaths


def write(tmp_path, text):
    path = tmp_path / "settings.toml"
    path.write_text(text)
    return path


def test_missing_file_gives_defaults(tmp_path):
    settings = load_settings(tmp_path / "none.toml")
    assert settings.camera.width == 1280 and settings.scanner.baud == 115200
    assert settings.verify.skew_back_steps == 1
    assert settings.ui.idle_seconds == 60.0


def test_an_idle_timeout_of_zero_means_off_and_is_accepted(tmp_path):
    assert load_settings(write(tmp_path, "[ui]\nidle_seconds = 0\n")).ui.idle_seconds == 0.0


def test_values_override_defaults(tmp_path):
    settings = load_settings(
        write(
            tmp_path,
            '[camera]\nwidth = 1920\ndecoders = ["zbar"]\n'
            '[scanner]\nsuffix = "crlf"\n[sync]\ninterval_seconds = 5\n',
        )
    )
    assert settings.camera.width == 1920 and settings.camera.decoders == ("zbar",)
    assert settings.scanner.suffix == "crlf" and settings.sync.interval_seconds == 5.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[camera]\nwidth = 'wide'\n", "camera.width must be int"),
        ("[camera]\nwidth = -5\n", "camera.width must be greater than 0"),
        ("[camera]\nwidht = 5\n", "unknown setting camera.widht"),
        ("[scanner]\nsuffix = 'tab'\n", "scanner.suffix must be one of"),
        ("[scanner]\naim = 1\n", "scanner.aim must be bool"),
        ("[terminal]\nlanguage = 'fr'\n", "terminal.language must be one of"),
        ("camera = 3\n", "[camera] must be a table"),
        ("[camera\n", "not valid TOML"),
        ("[camera]\ndecoders = 'zxing'\n", "camera.decoders must be a list of strings"),
        ("[sync]\ninterval_seconds = nan\n", "sync.interval_seconds must be a finite number"),
        ("[sync]\nonline_timeout_seconds = inf\n", "sync.online_timeout_seconds must be a finite"),
        ("[sync]\nrequest_timeout_seconds = -inf\n", "must be a finite number"),
        ("[ui]\nidle_seconds = -5\n", "ui.idle_seconds must be 0 to turn it off, or more"),
    ],
)
def test_bad_values_name_the_setting(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_settings(write(tmp_path, text))


def test_data_dir_given_or_from_platformdirs(tmp_path):
    assert DataPaths.resolve(tmp_path).root == tmp_path
    assert "loyalty-terminal" in str(DataPaths.resolve(None).root)
    assert DataPaths.resolve(tmp_path / "x").ensure().root.is_dir()
