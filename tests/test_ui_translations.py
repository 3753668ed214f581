"""The zh_CN translation: complete, current with the code, compiled on demand, placeholders kept."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

from PySide6.QtCore import QTranslator

from terminal.reasons import SENTENCES
from terminal.ui import translations
from terminal.ui.translations import SOURCE_DIR, compile_ts, lrelease_command, qm_for

TS = SOURCE_DIR / "terminal_zh_CN.ts"


def messages(path):
    found = {}
    # Our own file, not untrusted input.
    for context in ET.parse(path).getroot().iter("context"):  # noqa: S314
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message.find("translation")
    return found


def forms(translation):
    """A translation's texts: its one text, or each numerus form of a count's sentence."""
    numerus = [form.text or "" for form in translation.iter("numerusform")]
    return numerus or [translation.text or ""]


def test_every_message_has_a_finished_chinese_translation():
    for (context, source), translation in messages(TS).items():
        assert translation.get("type") is None, (context, source)
        assert all(text.strip() for text in forms(translation)), (context, source)


def test_placeholders_survive_translation():
    for (context, source), translation in messages(TS).items():
        wanted = sorted(re.findall(r"%[0-9n]", source))
        for text in forms(translation):
            assert sorted(re.findall(r"%[0-9n]", text)) == wanted, (context, source)


def test_every_refusal_sentence_of_the_verifier_is_translated():
    reasons = {source for (context, source) in messages(TS) if context == "reasons"}
    assert set(SENTENCES.values()) <= reasons


def test_the_ts_file_holds_every_string_in_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    command = [*lrelease_command()[:-1], lrelease_command()[-1].replace("lrelease", "lupdate")]
    subprocess.run(
        [
            *command,
            "-extensions",
            "py",
            "-no-obsolete",
            "-silent",
            # The app's screens and the demo's phone window.
            str(SOURCE_DIR.parent),
            str(SOURCE_DIR.parent.parent / "demo"),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(TS))


def test_a_missing_qm_is_compiled_into_the_cache_and_loads(tmp_path, monkeypatch, qapp):
    source_dir = tmp_path / "i18n"
    source_dir.mkdir()
    (source_dir / TS.name).write_bytes(TS.read_bytes())
    source_dir.chmod(0o555)  # a read-only install: the compiled file must go to the cache
    monkeypatch.setattr(translations, "SOURCE_DIR", source_dir)
    try:
        qm = qm_for("zh_CN", tmp_path / "cache")
    finally:
        source_dir.chmod(0o755)
    if qm is not None and qm.parent == source_dir:  # running as root: the folder stays writable
        assert qm.exists()
    else:
        assert qm == tmp_path / "cache" / "terminal_zh_CN.qm"
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "Scan") == "扫码"


def test_compile_reports_failure_instead_of_raising(tmp_path):
    broken = tmp_path / "broken.ts"
    broken.write_text("<not a ts file")
    assert compile_ts(broken, tmp_path / "out.qm") is False
