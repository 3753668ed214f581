"""A serving process settles its heap once its app is built (backend.heap): what exists then is
frozen out of the collector's sight and young collections come every 10,000 allocations.

Run in a child process: the collector's settings are the whole process's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import gc, json, sys
from pathlib import Path
from backend import db, workers
url, issuer = sys.argv[1], Path(sys.argv[2])
db.upgrade(db.make_engine(url))
before = {"frozen": gc.get_freeze_count(), "threshold": gc.get_threshold()}
app = workers.build_app(workers.ServeSettings(url, issuer))
after = {"frozen": gc.get_freeze_count(), "threshold": gc.get_threshold()}
print(json.dumps({"before": before, "after": after, "routes": len(app.routes)}))
"""


def test_the_app_a_worker_serves_leaves_its_start_up_heap_frozen(tmp_path):
    url = f"sqlite:///{tmp_path / 'backend.sqlite'}"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url, str(tmp_path / "issuer")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["before"]["frozen"] == 0 and seen["before"]["threshold"][0] == 700
    # The app's modules, routes and templates: tens of thousands of objects never scanned again.
    assert seen["after"]["frozen"] > 10_000 and seen["routes"] >= 10
    assert seen["after"]["threshold"][0] == 10_000
    assert seen["after"]["threshold"][1:] == seen["before"]["threshold"][1:]
