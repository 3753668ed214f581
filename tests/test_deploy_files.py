"""The container files hand the backend its master key the way docs/deploy.md says."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "backend"


def test_compose_passes_the_master_key_file_as_a_secret_and_keeps_no_issuer_directory():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    backend = compose["services"]["backend"]
    path = backend["environment"]["LOYALTY_MASTER_KEY_FILE"]
    secret = path.removeprefix("/run/secrets/")
    assert path == f"/run/secrets/{secret}" and secret in backend["secrets"]
    assert compose["secrets"][secret]["file"].startswith("./secrets/")  # git ignores secrets/
    assert not any(str(arg).startswith("--issuer") for arg in backend["command"])
    assert "volumes" not in backend  # a stateless node: nothing of its own to keep


def test_the_key_files_owner_in_the_instructions_is_the_images_user():
    containerfile = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    (uid,) = re.findall(r"useradd [^\n]*--uid (\d+)", containerfile)
    for text in ((DEPLOY / "compose.yaml").read_text(), (ROOT / "docs/deploy.md").read_text()):
        assert f"chown {uid}:{uid} secrets/master.key" in text


def test_the_deployment_guide_links_the_several_nodes_guide():
    assert "(deploy-nodes.md)" in (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
