"""Every limit and default of the server is documented and reachable (STYLE.md: one settings
table, and a test that fails when one is undocumented)."""

from __future__ import annotations

import re

from click.testing import CliRunner

from ratsgraph.cli import main
from ratsgraph.serve.settings import SETTINGS, Settings

from .conftest import ROOT

DOC = ROOT / "docs" / "store-and-server.md"


def _documented() -> dict[str, str]:
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| `(\w+)` \| [^|]+ \| `([^`]*)` \|", line)
        if match:
            rows[match.group(1)] = match.group(2)
    return rows


def _shown(setting) -> str:
    if isinstance(setting.default, bool):
        return "on" if setting.default else "off"
    if setting.default == "":
        return "(empty)"
    return f"{setting.default}" + (f" {setting.unit}" if setting.unit else "")


def test_every_setting_is_documented_with_its_default():
    documented = _documented()
    for setting in SETTINGS:
        assert setting.name in documented, f"{setting.name} is missing from {DOC.name}'s settings table"
        assert documented[setting.name] == _shown(setting), f"{setting.name}: documented default differs"
    assert set(documented) <= {s.name for s in SETTINGS}, "the table names a setting that does not exist"


def test_every_setting_is_an_option():
    serve_help = CliRunner().invoke(main, ["serve", "--help"]).output
    push_help = CliRunner().invoke(main, ["push", "--help"]).output
    for setting in SETTINGS:
        flag = "--timeout" if setting.name == "push_timeout" else "--" + setting.name.replace("_", "-")
        assert flag in (push_help if setting.name == "push_timeout" else serve_help), flag


def test_settings_refuse_nonsense():
    import pytest

    for bad in ({"query_timeout": 0}, {"max_rows": 0}, {"workers": -1}):
        with pytest.raises(ValueError):
            Settings(**bad)
    assert Settings(base="https://example.org/x").base == "https://example.org/x/"
