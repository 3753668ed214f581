"""The decode and listen commands and the benchmark script, through their real entry points."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import tty
from pathlib import Path

import cv2

from drivers.synthetic import make_frame
from terminal.cli import main

REPO = Path(__file__).resolve().parent.parent
ZXING_DIR = Path(__file__).parent / "data" / "zxing"


def json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_decode_prints_one_json_line_per_image(capsys, tmp_path):
    photo = ZXING_DIR / "qrcode-2-30.png"
    empty = tmp_path / "empty.png"
    cv2.imwrite(str(empty), make_frame("none", 1).image)
    status = main(["decode", str(photo), str(empty)])
    records = json_lines(capsys.readouterr().out)
    assert status == 0
    assert [set(r) for r in records] == [{"file", "codes", "ms"}] * 2
    assert records[0]["file"] == str(photo)
    assert records[0]["codes"] == ["MECARD:N:測試;;"]
    assert records[1]["codes"] == []
    assert all(isinstance(r["ms"], float) for r in records)


def test_decode_reports_both_codes_of_a_frame(capsys, tmp_path):
    frame = make_frame("two", 2)
    path = tmp_path / "two.png"
    cv2.imwrite(str(path), frame.image)
    assert main(["decode", "--decoders", "zxing", str(path)]) == 0
    assert sorted(json_lines(capsys.readouterr().out)[0]["codes"]) == sorted(frame.codes)


def test_decode_of_a_missing_image_still_prints_a_line_and_exits_2(capsys, tmp_path):
    photo = ZXING_DIR / "qrcode-6-6.png"
    missing = tmp_path / "missing.png"
    status = main(["decode", str(missing), str(photo)])
    records = json_lines(capsys.readouterr().out)
    assert status == 2
    assert records[0]["file"] == str(missing) and "error" in records[0]
    assert records[1]["codes"] == [(ZXING_DIR / "qrcode-6-6.txt").read_text()]


def test_decode_with_an_unknown_decoder_is_a_usage_error(capsys):
    assert main(["decode", "--decoders", "quagga", str(ZXING_DIR / "qrcode-6-6.png")]) == 2
    assert "known decoders" in capsys.readouterr().err


def test_listen_camera_prints_codes_from_a_video_until_count(capsys, tmp_path):
    first, second = make_frame("plain", 21), make_frame("dark", 22)
    video = tmp_path / "demo.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 25, (1280, 720))
    for frame in [first.image] * 5 + [second.image] * 5 + [first.image] * 5:
        writer.write(frame)
    writer.release()
    assert main(["listen", "--camera", str(video), "--count", "2"]) == 0
    out = capsys.readouterr()
    records = json_lines(out.out)
    assert [r["text"] for r in records] == [first.codes[0], second.codes[0]]
    assert [set(r) for r in records] == [{"source", "text", "t"}] * 2
    assert "open" in out.err


def test_listen_camera_stops_at_the_end_of_a_file(capsys, tmp_path):
    video = tmp_path / "short.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 25, (1280, 720))
    for _ in range(3):
        writer.write(make_frame("none", 5).image)
    writer.release()
    assert main(["listen", "--camera", str(video)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "ended" in captured.err


def test_listen_camera_with_a_missing_source_exits_2(capsys, tmp_path):
    assert main(["listen", "--camera", str(tmp_path / "none.avi")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_listen_serial_prints_codes_from_a_pty(capsys):
    master, slave = os.openpty()
    tty.setraw(slave)
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(
            main(["listen", "--serial", os.ttyname(slave), "--aim", "--count", "2"])
        )
    )
    thread.start()
    try:
        # The port flushes its input when opened, so keep sending until the command is done.
        for n in range(100):
            if not thread.is_alive():
                break
            os.write(master, f"]Q1LP1:SERIAL-{n}\r\n".encode())
            time.sleep(0.1)
        thread.join(5)
    finally:
        os.close(master)
        os.close(slave)
    assert result == [0]
    records = json_lines(capsys.readouterr().out)
    assert len(records) == 2
    first = int(str(records[0]["text"]).rsplit("-", 1)[1])
    assert [r["text"] for r in records] == [f"LP1:SERIAL-{first}", f"LP1:SERIAL-{first + 1}"]
    assert all(str(r["source"]).startswith("serial:") for r in records)


def test_bench_generates_frames_and_tabulates_them(tmp_path):
    bench = [sys.executable, str(REPO / "bench" / "bench_decode.py")]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(
        [*bench, str(tmp_path), "--generate", "--per-category", "1"], check=True, env=env
    )
    assert (tmp_path / "two" / "000.2.txt").exists()
    assert (tmp_path / "none" / "000.txt").read_bytes() == b""
    done = subprocess.run(
        [*bench, str(tmp_path), "--repeat", "1"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    table = done.stdout
    assert "| **all** | 12 | 12 |" in table
    assert "| chain | zxing-cpp | pyzbar |" in table or "| chain | zxing-cpp |" in table
    assert "| none | 1 | 0 | 0 / 0 / 0" in table
