"""The README stays true to the code."""

from __future__ import annotations

import re
from pathlib import Path

from warta.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_readme_opens_with_the_two_commands() -> None:
    commands = re.findall(r"^make (\w+)", README, re.MULTILINE)
    assert commands[:2] == ["demo", "test"]


def test_readme_documents_every_environment_variable() -> None:
    documented = set(re.findall(r"^\| `(WARTA_\w+)`", README, re.MULTILINE))
    assert documented == {f"WARTA_{name.upper()}" for name in Settings.model_fields}
