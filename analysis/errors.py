"""Errors that speak to a researcher: what went wrong, where, and what to do."""

from __future__ import annotations

import sys


def quoted(value, limit: int = 60) -> str:
    """A cell's text for a message: whole when short, else its start and its length (never a screenful)."""
    text = str(value)
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[: limit - 20]}…' ({len(text):,} characters)"


class AnalysisError(Exception):
    """Base for every error the command line reports without a traceback."""


class InputFileError(AnalysisError):
    """A raw file cannot be used at all (unreadable, wrong encoding, missing or unknown columns)."""

    def __init__(self, path, problem: str, hint: str = "", line: int | None = None, column: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.hint = hint
        self.line = line
        self.column = column
        where = self.path
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        message = f"{where}: {problem}"
        if hint:
            message += f"\n  What to do: {hint}"
        super().__init__(message)


class RejectedRowsError(AnalysisError):
    """Rows were rejected and the user did not allow rejections."""


class MonthError(AnalysisError):
    """The requested report month is malformed or has no data."""


def not_installed(exc: ModuleNotFoundError) -> str:
    """What to do when a package the project pins is missing: this Python is not the project's environment."""
    return (
        f"error: the package '{exc.name}' is not installed in this Python ({sys.executable}).\n"
        "  What to do: run the commands in the project's environment: `make venv` creates it, then "
        "`source .venv/bin/activate` (Windows: `.venv\\Scripts\\activate`) before `python -m analysis ...`, "
        "or run `.venv/bin/python -m analysis ...`, or use the make targets."
    )
