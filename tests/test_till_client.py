"""A POS integrator's path: a client generated from the live till API's /openapi.json.

openapi-python-client (the development dependency) generates a package into tmp_path from
the document the running till API serves, exactly as docs/till.md tells an integrator to;
the test then rings up a whole sale with that package alone: open with the member's code,
points as cash, confirm, a partial refund, and one refusal, parsed as the documented
``Error`` model. If the generator rejects or mangles the document, this fails.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.counter_setup import provision_offline
from tests.till_setup import Till

PACKAGE = "till_client"


@pytest.fixture
def term(tmp_path: Path) -> Any:
    return provision_offline(tmp_path / "terminal")


@pytest.fixture
def till(term: Any) -> Iterator[Till]:
    running = Till(term)
    yield running
    running.stop()


def generate(doc: dict[str, Any], into: Path) -> str:
    """Run the generator as an integrator does; its output (warnings included)."""
    (into / "till.json").write_text(json.dumps(doc), encoding="utf-8")
    tools = Path(sys.executable).parent  # the venv's: the generator and the ruff it runs
    done = subprocess.run(
        [
            str(tools / "openapi-python-client"),
            "generate",
            "--path",
            "till.json",
            "--output-path",
            PACKAGE,
            "--meta",
            "none",
        ],
        cwd=into,
        env={**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return output


@pytest.fixture
def client_package(
    till: Till, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ModuleType]:
    """The package generated from the served document, importable for this test only."""
    output = generate(till.http.get("/openapi.json").json(), tmp_path)
    # Whatever the generator could not place is a warning: nothing may be left out.
    assert "Warning" not in output and "missing" not in output, output
    monkeypatch.syspath_prepend(str(tmp_path))
    yield importlib.import_module(PACKAGE)
    for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def test_a_generated_client_rings_up_a_whole_sale(
    term: Any, till: Till, client_package: ModuleType
) -> None:
    api = importlib.import_module(f"{PACKAGE}.api.default")
    models = importlib.import_module(f"{PACKAGE}.models")
    for step in ("open_sale", "discount", "confirm", "refund", "get_sale"):
        importlib.import_module(f"{PACKAGE}.api.default.{step}")
    client = client_package.AuthenticatedClient(
        base_url=str(till.http.base_url).rstrip("/"),
        token=till.token,
        raise_on_unexpected_status=True,
    )
    code = term.member(balance=1280).code()
    body = models.OpenSale(
        sale_ref="S-1", amount="100.00", currency=models.OpenSaleCurrency("CNY"), code=code
    )
    opened = api.open_sale.sync_detailed(client=client, body=body)
    assert opened.status_code == 200, opened.content
    sale = opened.parsed
    assert isinstance(sale, models.Sale) and sale.state == models.SaleState.IDENTIFIED
    assert sale.member["member"] == "M1001" and sale.member["available_points"] == 1280

    held = api.discount.sync("S-1", client=client, body=models.Discount(points=400))
    assert isinstance(held, models.Sale), held
    assert held.to_pay == "96.00" and held.discount["points"] == 400

    done = api.confirm.sync(
        "S-1", client=client, body=models.Confirm(paid_amount="96.00", receipt_no="R7")
    )
    assert isinstance(done, models.Sale) and done.state == models.SaleState.CONFIRMED, done
    assert (done.result["spent"], done.result["earned"]) == (400, 144)

    back = api.refund.sync("S-1", client=client, body=models.Refund(amount="48.00"))
    assert isinstance(back, models.Sale) and back.state == models.SaleState.REFUNDED, back
    assert back.result["refunded_points"] == 72

    seen = api.get_sale.sync("S-1", client=client)
    assert isinstance(seen, models.Sale) and seen.state == models.SaleState.REFUNDED
    kinds = sorted(event.kind for event in till.events())
    assert kinds == ["award", "discount", "refund"]
    [award] = till.events("award")
    [refund] = till.events("refund")
    assert award.sale_ref == "S-1" and (refund.points, refund.ref_event) == (-72, award.id)


def test_a_refusal_comes_as_the_documented_error_model(
    term: Any, till: Till, client_package: ModuleType
) -> None:
    api = importlib.import_module(f"{PACKAGE}.api.default")
    models = importlib.import_module(f"{PACKAGE}.models")
    importlib.import_module(f"{PACKAGE}.api.default.open_sale")
    importlib.import_module(f"{PACKAGE}.api.default.discount")
    client = client_package.AuthenticatedClient(
        base_url=str(till.http.base_url).rstrip("/"),
        token=till.token,
        raise_on_unexpected_status=True,
    )
    body = models.OpenSale(
        sale_ref="S-2",
        amount="6.00",
        currency=models.OpenSaleCurrency("CNY"),
        code=term.member().code(),
    )
    assert isinstance(api.open_sale.sync(client=client, body=body), models.Sale)

    over = api.discount.sync_detailed("S-2", client=client, body=models.Discount(points=301))
    assert over.status_code == 422
    assert isinstance(over.parsed, models.Error), over.parsed  # not "unexpected status"
    assert over.parsed.error == "discount_over_cap" and over.parsed.message
    assert till.events() == []

    # Without the paired till's token: 401, the same model.
    anonymous = client_package.Client(base_url=str(till.http.base_url).rstrip("/"))
    refused = api.discount.sync_detailed("S-2", client=anonymous, body=models.Discount(points=1))
    assert refused.status_code == 401 and isinstance(refused.parsed, models.Error)
    assert refused.parsed.error == "unauthorised"
