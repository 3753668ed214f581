"""The benches' backend process keeps serving however much it logs.

It logs a line per request to stderr. A pipe nobody read filled after 64 KiB, and the backend
then blocked in its next log call: a long load run stalled so.
"""

from __future__ import annotations

import requests

from bench import fleet


def test_the_backend_keeps_answering_past_a_pipes_worth_of_log_lines(tmp_path):
    url_db = f"sqlite:///{tmp_path / 'backend.sqlite'}"
    with fleet.backend_process(url_db, tmp_path / "issuer") as url, requests.Session() as http:
        # Each access line is about 200 bytes: 1,000 of them are three pipes' worth.
        for _ in range(1000):
            assert http.get(f"{url}/v1/time", timeout=10).ok
