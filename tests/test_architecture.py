"""Dependencies point one way, crypto does no I/O, and only the Qt app imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"terminal", "crypto", "drivers", "sync", "config", "wallet", "protocol", "backend"}
# The terminal's side (terminal, wallet, drivers, sync) never imports the server; the server
# imports nothing of the terminal's; both meet in protocol.
ALLOWED = {
    "crypto": set(),
    "config": set(),
    "protocol": {"crypto", "config"},
    "drivers": {"config"},
    "sync": {"protocol", "crypto", "config"},
    "backend": {"protocol", "crypto", "config"},
    "wallet": {"protocol", "crypto", "config", "sync"},
    "terminal": {"protocol", "crypto", "config", "sync", "drivers", "wallet"},
}
# Third-party packages only the counter hardware needs: the backend must install without them.
TERMINAL_ONLY = {"PySide6", "shiboken6", "cv2", "numpy", "zxingcpp", "pyzbar", "serial"}
NO_IO_IN_CRYPTO = {
    "os",
    "pathlib",
    "sqlite3",
    "socket",
    "requests",
    "subprocess",
    "time",
    "shutil",
    "tempfile",
}


def imports_of(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may(package):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path, name in imports_of(package)
        if (top := name.split(".")[0]) in OURS and top != package and top not in ALLOWED[package]
    ]
    assert not wrong


def test_crypto_does_no_io_and_reads_no_clock():
    wrong = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p, n in imports_of("crypto")
        if n.split(".")[0] in NO_IO_IN_CRYPTO
    ]
    assert not wrong


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_only_the_qt_app_imports_qt(package):
    qt_users = [
        p.relative_to(ROOT)
        for p, n in imports_of(package)
        if n.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    allowed = (ROOT / "terminal" / "ui", ROOT / "terminal" / "demo")
    assert all(any((ROOT / p).is_relative_to(d) for d in allowed) for p in qt_users), qt_users


def test_the_backend_imports_nothing_only_the_counter_needs():
    wrong = [
        f"{p.relative_to(ROOT)} imports {n}"
        for package in ("backend", "protocol", "crypto", "config")
        for p, n in imports_of(package)
        if n.split(".")[0] in TERMINAL_ONLY
    ]
    assert not wrong


def _modules_under(directory: str) -> list[tuple[Path, str]]:
    return [(p, n) for p, n in imports_of("terminal") if (ROOT / directory) in p.parents]


@pytest.mark.parametrize(
    ("directory", "forbidden"),
    [
        # Views lay out and style; controllers call them, never the other way round.
        ("terminal/ui/views", ("terminal.ui.controllers",)),
        # The counter core is the same without a screen: the till and the CLI use it.
        ("terminal/counter", ("terminal.ui", "terminal.till", "terminal.demo", "PySide6")),
        # The till speaks to its own API and the counter core, never to the server's modules.
        ("terminal/till", ("terminal.ui", "terminal.demo", "PySide6", "backend")),
        # The app itself does not depend on the demo or the tour.
        ("terminal/ui", ("terminal.demo",)),
    ],
)
def test_rules_inside_the_terminal(directory, forbidden):
    wrong = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p, n in _modules_under(directory)
        if any(n == f or n.startswith(f + ".") for f in forbidden)
    ]
    assert not wrong


def test_sync_keeps_only_the_terminals_side():
    """The outbox, sync client and worker: the shared wire formats live in protocol."""
    assert not (ROOT / "sync" / "backend").exists()
    shared = {"canonical", "signing", "events", "batch", "policy", "issuer_store"}
    assert not [name for name in shared if (ROOT / "sync" / f"{name}.py").exists()]


# -- size and the views' boundary ------------------------------------------------------------

MAX_LINES = 450
# Modules still over the limit, each being split on its own branch: an entry must be removed
# once its module is short (test_the_long_list_only_names_long_modules).
STILL_LONG: set[str] = set()


def _our_modules() -> list[Path]:
    skip = {"tests", "member-js"}
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if (parts := path.relative_to(ROOT).parts)[0] not in skip
        and not any(part.startswith(".") or part in {"build", "node_modules"} for part in parts)
    ]


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines())


def test_no_module_is_over_450_lines():
    """Files stay small enough to read in one sitting (docs/architecture.md)."""
    long = [
        f"{rel} has {_lines(path)} lines"
        for path in _our_modules()
        if (rel := path.relative_to(ROOT).as_posix()) not in STILL_LONG and _lines(path) > MAX_LINES
    ]
    assert _our_modules(), "no modules found: the walk is wrong"
    assert not long


def test_the_long_list_only_names_long_modules():
    short = [name for name in STILL_LONG if _lines(ROOT / name) <= MAX_LINES]
    assert not short, f"split now: remove {short} from STILL_LONG"


def _chain(node: ast.expr) -> tuple[ast.expr, list[str]]:
    """``a.b.c`` -> (Name a, [b, c])."""
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.append(node.attr)
        node = node.value
    return node, names[::-1]


def _view_imports(tree: ast.Module) -> set[str]:
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("terminal.ui.views")
        for alias in node.names
    }


def view_reaches(source: str) -> list[str]:
    """Where a controller reaches past a view's own members into its children.

    Levels below the window: the window is 0, its screens and parts (``window.member``,
    ``window.banner``) and a dialog the controller builds are 1, their members are 2. A chain
    may name a member of a screen or dialog (a method, signal or property: level 2, with
    ``.connect`` / ``.disconnect`` / ``.emit`` on a signal not counted) but nothing below it
    (``window.member.amount.setText``, ``dialog.staff_id.setReadOnly``), and never a
    private name. Local names bound to a window chain or a view class's instance count at
    their level.
    """
    tree = ast.parse(source)
    view_classes = _view_imports(tree)
    wrong: list[str] = []

    def level_of(node: ast.expr, aliases: dict[str, int]) -> tuple[int, list[str]] | None:
        root, names = _chain(node)
        if "window" in names:
            cut = names.index("window")
            return 0, names[cut + 1 :]
        if isinstance(root, ast.Name) and root.id == "window":
            return 0, names
        if isinstance(root, ast.Name) and root.id in aliases:
            return aliases[root.id], names
        return None

    for func in ast.walk(tree):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        aliases: dict[str, int] = {}
        for node in ast.walk(func):
            if not isinstance(node, ast.Assign):
                continue
            pairs: list[tuple[ast.expr, ast.expr]] = []
            for target in node.targets:
                if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    pairs += list(zip(target.elts, node.value.elts, strict=False))
                else:
                    pairs.append((target, node.value))
            for target, value in pairs:
                if not isinstance(target, ast.Name):
                    continue
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
                    if value.func.id in view_classes:
                        aliases[target.id] = 1
                elif (found := level_of(value, aliases)) is not None:
                    aliases[target.id] = found[0] + len(found[1])
        inner = {id(n.value) for n in ast.walk(func) if isinstance(n, ast.Attribute)}
        for node in ast.walk(func):
            if not isinstance(node, ast.Attribute) or id(node) in inner:
                continue
            found = level_of(node, aliases)
            if found is None:
                continue
            level, names = found
            if names and names[-1] in {"connect", "disconnect", "emit"}:
                names = names[:-1]
            if level + len(names) > 2 or any(name.startswith("_") for name in names):
                wrong.append(f"line {node.lineno}: {ast.unparse(node)}")
    return sorted(set(wrong))


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "terminal" / "ui" / "controllers").glob("*.py")),
    ids=lambda p: p.name,
)
def test_controllers_call_views_own_members_never_their_children(path):
    """docs/ui.md "Controllers and views": controllers call a view's methods, signals and
    properties; a view's children are its own."""
    assert not view_reaches(path.read_text())


def test_the_view_rule_catches_reaching_into_children():
    reaching = """
from terminal.ui.views.dialogs import OverrideDialog

def f(self, shell):
    self.window.member.amount.setText("1")
    shell.window.scan.till_notice.show_waiting([])
    wiz = self.window.wizard
    wiz.code.setText("x")
    dialog = OverrideDialog(self.window, "why")
    dialog.staff_id.setReadOnly(True)
    self.window._staff
    self.window.member.award_button.clicked.connect(f)
"""
    assert len(view_reaches(reaching)) == 6
    allowed = """
from terminal.ui.views.dialogs import OverrideDialog

def f(self, shell):
    self.window.member.show_member(None)
    self.window.member.award.connect(f)
    w = shell.window
    w.refund.reprint_last.connect(f)
    dialog = OverrideDialog(self.window, "why")
    dialog.fix_staff("1001")
    dialog.finished.connect(dialog.deleteLater)
    self.window.staff_screen.me = ""
"""
    assert view_reaches(allowed) == []


# -- routes are module-level routers ---------------------------------------------------------

ROUTE_DECORATORS = {"get", "post", "put", "delete", "patch", "head", "options", "api_route"}
# The HTTP apps: the backend and its console, and the terminal's till API.
SERVED = ("backend", "terminal/till")


def nested_routes(source: str) -> list[str]:
    """Routes declared inside a function body (``@app.post`` in a factory), by name and line.

    A route that is a closure over an app factory's locals hides what it uses; a module-level
    ``APIRouter`` whose handlers take ``Annotated`` dependencies names it in its signature.
    """
    found = []
    for outer in ast.walk(ast.parse(source)):
        if not isinstance(outer, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for inner in ast.walk(outer):
            if inner is outer or not isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if any(
                isinstance(d, ast.Call)
                and isinstance(d.func, ast.Attribute)
                and d.func.attr in ROUTE_DECORATORS
                for d in inner.decorator_list
            ):
                found.append(f"{inner.name} (line {inner.lineno})")
    return sorted(set(found))


@pytest.mark.parametrize("package", SERVED)
def test_no_route_is_declared_inside_a_function(package):
    """docs/architecture.md: routes are module-level APIRouters with Annotated dependencies."""
    paths = sorted((ROOT / package).rglob("*.py"))
    assert paths, "no modules found: the walk is wrong"
    wrong = [
        f"{path.relative_to(ROOT)}: {where}"
        for path in paths
        for where in nested_routes(path.read_text())
    ]
    assert not wrong


def test_the_route_rule_catches_a_route_in_a_factory():
    factory = """
def create_app(engine):
    app = FastAPI()

    @app.get("/v1/time")
    def server_clock():
        return {}

    def router(console):
        routes = APIRouter()

        @routes.api_route("/x", methods=["GET"])
        async def x(page):
            return page

        return routes

    return app
"""
    assert nested_routes(factory) == ["server_clock (line 6)", "x (line 13)"]
    module_level = """
router = APIRouter()

@router.get("/v1/time")
def server_clock(engine: DB):
    def inner():
        return engine
    return inner()

def create_app():
    app = FastAPI()
    app.include_router(router)
    app.add_exception_handler(Refused, refused)
    return app
"""
    assert nested_routes(module_level) == []
