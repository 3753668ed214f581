"""Every number a command takes refuses NaN and infinity: a sentence and exit 2, never exit 3.

The walk goes through the three command lines' parsers, so an option added later with a bare
``type=float`` fails here. Options that carry a number as text (an amount, a coupon's value,
a JSON body) are listed by hand and run end to end.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

import pytest

from backend.cli import build_parser as backend_parser
from terminal.cli import build_parser as terminal_parser
from tests import cli
from wallet.cli import build_parser as wallet_parser

NOT_NUMBERS = ("nan", "NaN", "inf", "-inf", "Infinity", "1e999")
PARSERS = {
    "loyalty-terminal": terminal_parser,
    "loyalty-wallet": wallet_parser,
    "loyalty-backend": backend_parser,
}


def _subcommands(
    parser: argparse.ArgumentParser, path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _subcommands(sub, (*path, name))


def _filler(action: argparse.Action) -> list[str]:
    """A valid value for a required argument other than the one under test."""
    if action.choices:
        return [str(next(iter(action.choices)))]
    return ["1"]


def _argv(
    parser: argparse.ArgumentParser, path: tuple[str, ...], option: argparse.Action, value: str
) -> list[str]:
    argv = list(path)
    for action in parser._actions:
        if action is option or isinstance(action, argparse._SubParsersAction):
            continue
        if action.option_strings and action.required:
            argv += [action.option_strings[0], *_filler(action)]
    # Required one-of groups (till pair's --name or --revoke): the first member, unless the
    # option under test is in the group.
    for group in parser._mutually_exclusive_groups:
        if group.required and option not in group._group_actions:
            first = group._group_actions[0]
            argv += [first.option_strings[0], *_filler(first)]
    # OPTION=VALUE, so "-inf" is not read as an option of its own.
    argv.append(f"{option.option_strings[0]}={value}")
    argv += [
        a.dest
        for a in parser._actions
        if not a.option_strings
        and a is not option
        and a.nargs not in ("?", "*")
        and not isinstance(a, argparse._SubParsersAction)
    ]
    return argv


def numeric_options() -> list[tuple[str, tuple[str, ...], str]]:
    """(command line, sub-command path, option) of every option parsed as a number."""
    found = []
    for program, build in PARSERS.items():
        for path, parser in _subcommands(build(), ()):
            for action in parser._actions:
                number = action.type in (int, float) or getattr(action.type, "__name__", "") in (
                    "finite_float",
                    "amount_arg",
                )
                if number and action.option_strings:
                    found.append((program, path, action.option_strings[0]))
    return found


def _action(parser: argparse.ArgumentParser, option: str) -> argparse.Action:
    return next(a for a in parser._actions if option in a.option_strings)


def _parser(program: str, path: tuple[str, ...]) -> argparse.ArgumentParser:
    return dict(_subcommands(PARSERS[program](), ()))[path]


def test_the_walk_finds_the_commands_numbers():
    found = {(program, " ".join(path), option) for program, path, option in numeric_options()}
    for expected in (
        ("loyalty-terminal", "verify", "--at"),
        ("loyalty-terminal", "demo", "--interval"),
        ("loyalty-terminal", "award", "--amount"),
        ("loyalty-wallet", "code", "--at"),
        ("loyalty-backend", "serve", "--stale-hours"),
        ("loyalty-backend", "admin enrolment-code", "--hours"),
        ("loyalty-backend", "admin reward", "--points"),
    ):
        assert expected in found
    assert len(found) >= 20


@pytest.mark.parametrize(("program", "path", "option"), numeric_options())
def test_every_numeric_option_refuses_nan_and_infinity(program, path, option, capsys):
    top = PARSERS[program]()
    parser = _parser(program, path)
    action = _action(parser, option)
    # The same command line with a plain number parses: the refusal below is the number's.
    assert top.parse_args(_argv(parser, path, action, "1")) is not None
    capsys.readouterr()
    for value in NOT_NUMBERS:
        with pytest.raises(SystemExit) as exit_:
            top.parse_args(_argv(parser, path, action, value))
        assert exit_.value.code == 2, (program, path, option, value)
        err = capsys.readouterr().err
        # A sentence naming the option: ours, argparse's for a whole number, or the amount's.
        assert f"error: argument {option}: " in err, err
        assert "Traceback" not in err


def test_verify_at_nan_is_a_usage_error_not_an_internal_one(tmp_path):
    result = cli.terminal("verify", "--at", "nan", "--trust", tmp_path / "bundle", "LP1X")
    assert result.code == 2, result.stderr
    assert "argument --at: 'nan' is not a finite number" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_wallet_code_at_infinity_is_a_usage_error(tmp_path):
    result = cli.wallet("code", tmp_path / "w.json", "--at", "inf")
    assert result.code == 2, result.stderr
    assert "not a finite number" in result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ("reward", "--id", "x", "--name", "X", "--points", "5", "--cash", "nan"),
        ("reward", "--id", "x", "--name", "X", "--points", "5", "--cash", "Infinity"),
        ("reward", "--id", "x", "--name", "X", "--points", "5", "--cash", "1e999"),
        ("coupon", "--member", "M1", "--id", "C", "--kind", "amount", "--value", "nan"),
        ("coupon", "--member", "M1", "--id", "C", "--kind", "percent", "--value=-inf"),
        ("add-order", "--store", "S1", "--member", "M1", "--order", "O", "--body", '{"n": NaN}'),
        ("add-order", "--store", "S1", "--member", "M1", "--order", "O", "--body", '{"n": 1e999}'),
    ],
)
def test_backend_numbers_given_as_text_refuse_nan_and_infinity(argv, tmp_path):
    db = tmp_path / "b.sqlite"
    result = cli.run("backend", "admin", *argv, "--db", db)
    assert result.code == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert any(w in result.stderr for w in ("number", "not JSON", "amount")), result.stderr
    # Nothing was written: the refusal came before the database.
    ok = cli.run("backend", "admin", "flags", "--db", db)
    assert ok.code == 0 and json.loads(ok.stdout)["flags"] == []


def test_wallet_grant_body_refuses_nan(tmp_path):
    result = cli.wallet(
        "grant",
        tmp_path / "w.json",
        "--issuer",
        tmp_path,
        "--type",
        "pickup",
        "--id",
        "O",
        "--body",
        '{"a": NaN}',
    )
    assert result.code == 2, result.stderr
    assert "not JSON" in result.stderr
