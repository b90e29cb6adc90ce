import pytest
from typer.testing import CliRunner

from warta.cli import EVALUATIONS, app

runner = CliRunner()
COMMANDS = ("demo", "worker", "enrich", "produce", "tail", "redrive", "eval", "bench")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_teaches_its_use_with_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    assert "Example" in result.output


@pytest.mark.parametrize("stage", EVALUATIONS)
def test_each_evaluation_explains_its_options(stage: str) -> None:
    result = runner.invoke(app, ["eval", stage, "--help"])
    assert result.exit_code == 0, result.output
    assert "usage: warta eval" in result.output


def test_an_unknown_evaluation_names_the_ones_there_are() -> None:
    result = runner.invoke(app, ["eval", "sentiment"])
    assert result.exit_code == 1
    assert "choose from language, clean, entities, events, stories" in result.output
