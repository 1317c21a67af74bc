"""Notebooks as committed: a Markdown title first, one `parameters` cell, no definitions, no absolute
paths, and no outputs, execution counts or run metadata (so diffs show only what a person changed)."""

import ast
import os
import re
import subprocess
import sys

import nbformat
import pytest

from analysis import paths

from .conftest import PYTEST_IN_COPY, copy_project

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
ABSOLUTE = re.compile(r"""(["'])(/(home|work|root|tmp|Users|mnt|var)/|[A-Za-z]:\\\\)""")


def test_the_expected_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"monthly_report.ipynb", "overview.ipynb", "explore.ipynb"}


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.name)
def notebook(request):
    return request.param, nbformat.read(request.param, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_first_cell_is_a_markdown_title(notebook):
    _, nb = notebook
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


def test_exactly_one_parameters_cell_near_the_top(notebook):
    _, nb = notebook
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0] <= 2


def test_no_function_or_class_definitions(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        for node in ast.walk(ast.parse(cell.source)):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)), (
                f"{path.name}: logic belongs in the analysis library, not in cell {cell.get('id')}"
            )


def test_no_absolute_paths(notebook):
    path, nb = notebook
    for cell in nb.cells:
        assert not ABSOLUTE.search(cell.source), f"{path.name}: absolute path in cell {cell.get('id')}"


def test_committed_without_outputs_or_run_metadata(notebook):
    path, nb = notebook
    for cell in code_cells(nb):
        assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: strip outputs (nbstripout)"
        assert not {"execution", "papermill"} & set(cell.metadata)
    assert "papermill" not in nb.metadata


def test_notebooks_use_the_project_kernel(notebook):
    _, nb = notebook
    assert nb.metadata["kernelspec"]["name"] == "sleeper-cell-report"


def test_git_strips_notebooks_with_nbstripout():
    attributes = (paths.ROOT / ".gitattributes").read_text()
    assert "*.ipynb filter=nbstripout" in attributes
    dirty = paths.ROOT / "notebooks" / "explore.ipynb"
    nb = nbformat.read(dirty, as_version=4)
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", text="hello\n")]
    nb.cells[2].execution_count = 7
    stripped = subprocess.run(
        [sys.executable, "-m", "analysis.run.strip_notebook", "-t"],
        input=nbformat.writes(nb),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    clean = nbformat.reads(stripped, as_version=4)
    assert clean.cells[2].outputs == [] and clean.cells[2].execution_count is None


def test_the_project_kernel_is_registered_in_the_environment():
    import json

    listing = subprocess.run(
        [str(paths.ROOT / ".venv/bin/jupyter"), "kernelspec", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    spec = json.loads(listing)["kernelspecs"]["sleeper-cell-report"]["spec"]
    assert spec["display_name"] == "Sleeper Cell Report (.venv)"
    assert spec["argv"][0].startswith(str(paths.ROOT / ".venv"))


def test_the_git_filter_would_not_change_the_committed_notebooks(notebook):
    path, _ = notebook
    stripped = subprocess.run(
        [sys.executable, "-m", "analysis.run.strip_notebook", "--keep-id", "-t", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert nbformat.reads(stripped, as_version=4) == nbformat.read(path, as_version=4), (
        f"{path.name}: run nbstripout --keep-id on it (outputs, counts or metadata left in)"
    )


@pytest.mark.slow
def test_every_notebook_runs_top_to_bottom_as_in_lab_and_publishes_nothing(tmp_path):
    """nbval runs each notebook with its default parameters, as a researcher would in JupyterLab, in a copy of
    the project: the outputs go to scratch/, and figures/ and reports/ stay as they were."""
    root = copy_project(tmp_path / "lab", processed=True)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "PYTHONPATH")} | {"PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-m", "analysis", "data"], cwd=root, env=env, check=True, capture_output=True)
    published = sorted(p for top in ("figures", "reports") for p in (root / top).rglob("*"))
    out = subprocess.run(
        [
            *PYTEST_IN_COPY,
            "--nbval-lax",
            "notebooks",
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-3000:]
    assert sorted(p for top in ("figures", "reports") for p in (root / top).rglob("*")) == published
    assert (root / "scratch/figures/2023-11/01_attacks.png").exists()
    assert (root / "scratch/reports/overview/annual_summary.csv").exists()
