"""A real papermill run of the monthly report: files, key figures, key points, the page in headless Chromium.
(Months running side by side: the `make -j2 all` tests in tests/run.)"""

import base64
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import websocket

from analysis import paths
from analysis.outputs import sha256_of
from analysis.run.data_build import ensure_data

from ..conftest import tracked_raw

pytestmark = pytest.mark.slow
MONTH = "2023-11"


def run(root: Path, processed: Path, raw: Path, *args: str) -> None:
    """`python -m analysis monthly ...` in this process: its one kernel serves every call, as in `make all`."""
    from analysis.run import cli

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = cli.main(
            [
                "monthly",
                *args,
                "--quiet",
                "--raw",
                str(raw),
                "--processed",
                str(processed),
                "--figures",
                str(root / "figures"),
                "--reports",
                str(root / "reports"),
            ]
        )
    assert status == 0, out.getvalue() + err.getvalue()


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    """data/raw as committed: the sections an ACLED export or a log kept in this checkout would add are not
    these tests' (tests/run/test_runner_inputs.py runs them from SYNTHETIC ones)."""
    return tracked_raw(tmp_path_factory.mktemp("raw"))


@pytest.fixture(scope="module")
def processed(tmp_path_factory, raw) -> Path:
    out = tmp_path_factory.mktemp("processed")
    ensure_data(raw, out, quiet=True)
    return out


@pytest.fixture(scope="module")
def first_run(tmp_path_factory, processed, raw) -> Path:
    """June 2021 as first published, then November 2023 in the same (reset) kernel."""
    root = tmp_path_factory.mktemp("run_a")
    run(root, processed, raw, "2021-06", "--vintage", "as-published")
    run(root, processed, raw, MONTH)
    return root


def test_a_report_run_in_a_reused_kernel_has_the_published_bytes(first_run):
    """The kernel is reset between reports: November 2023, run after another report, has the bytes listed in
    reports/SHA256SUMS (test_verify rebuilds it in a fresh kernel and compares with the same list)."""
    from analysis.run.verify import read_checksums

    listed = {
        name: digest
        for name, digest in read_checksums(paths.CHECKSUMS).items()
        if f"/{MONTH}/" in name and not name.endswith(".ipynb")
    }  # the notebook names its folders
    assert len(listed) == 20
    assert {name: sha256_of(first_run / name) for name in listed} == listed


def test_as_published_vintage_of_june_2021(first_run, processed):
    first = pd.read_csv(first_run / "reports/as-published/2021-06/key_figures.csv").set_index("metric")
    assert first.loc["attacks", "value"] == 25
    current = pd.read_csv(processed / "monthly.csv", dtype={"month": str}).set_index("month")
    assert current.loc["2021-06", "attacks"] == 24
    assert "25 (revised later to 24)" in (first_run / "reports/as-published/2021-06/key_figures.md").read_text()
    assert "25 sleeper cell attacks" in (first_run / "reports/as-published/2021-06/key_points.md").read_text()
    assert (first_run / "figures/as-published/2021-06/01_attacks.png").exists()
    assert "History logging" not in (first_run / f"reports/{MONTH}/monthly_report.html").read_text()


def test_figures_are_written_as_png_and_svg(first_run):
    folder = first_run / "figures" / MONTH
    stems = ["01_attacks", "02_casualties", "03_raids_arrests", "05_al_hol", "06_repatriations"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s}.{x}" for s in stems for x in ("png", "svg"))
    for stem in stems:
        assert (folder / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (folder / f"{stem}.svg").read_bytes()[:2000]


def test_no_region_figure_when_none_was_published_and_the_report_says_so(first_run):
    html = (first_run / "reports" / MONTH / "monthly_report.html").read_text()
    assert "No breakdown of attacks by region was published for November 2023" in html


def test_key_figures_table(first_run):
    kf = pd.read_csv(first_run / "reports" / MONTH / "key_figures.csv", dtype={"month": str}).set_index("metric")
    assert tuple(kf.loc["attacks", ["value", "previous_value", "change"]]) == (11, 17, -6)
    assert (kf.loc["military_killed", "value"], kf.loc["military_injured", "value"]) == (4, 5)
    assert (kf.loc["civilian_injured", "value"], kf.loc["raids", "value"], kf.loc["arrests", "value"]) == (7, 10, 17)
    assert {"avg_12m", "revised", "statement_ids"} <= set(kf.columns)
    md = (first_run / "reports" / MONTH / "key_figures.md").read_text()
    assert "| Attacks (headline count) | 11 | 17 | -6 (-35%) |" in md
    assert "| ISIS members killed | 1 | not published |" in md


def test_key_points_read_like_the_report(first_run):
    text = (first_run / "reports" / MONTH / "key_points.md").read_text()
    for sentence in [
        "11 confirmed ISIS sleeper cell attacks across NES in November, down from 17 in October",
        "4 military personnel killed and 5 injured, and 7 civilians injured in these attacks",
        "10 raids conducted on ISIS sleeper cells, resulting in 17 arrests and 1 ISIS official killed",
        "Iraq repatriated 776 people (192 families) from al-Hol camp",
        "Al-Hol camp held 49,432 people in November: 24,147 Iraqis, 18,028 Syrians and 7,257 third-country foreigners",
    ]:
        assert f"- {sentence}\n" in text
    assert not re.search(r"\bnan\b", text, re.I)


def test_key_points_cover_the_reports_seven_bullets_in_its_order(first_run, processed):
    """Its three numeric bullets, then its four developments (data/raw/developments.csv) in the editor's order."""
    bullets = [
        line[2:]
        for line in (first_run / "reports" / MONTH / "key_points.md").read_text().splitlines()
        if line.startswith("- ")
    ]
    developments = pd.read_csv(processed / "developments.csv", dtype=str, keep_default_na=False)
    november = developments[developments["month"] == MONTH].sort_values("key_point_order")["summary"].tolist()
    assert len(november) == 4 and bullets[-4:] == november
    assert [b.split()[0] for b in bullets[:3]] == ["11", "4", "10"]
    assert "Binance" in november[0] and "Australian court" in november[3]


def test_reports_folder_holds_notebook_html_and_sources(first_run):
    folder = first_run / "reports" / MONTH
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            "monthly_report.ipynb",
            "monthly_report.html",
            "key_figures.csv",
            "key_figures.md",
            "key_points.md",
            "revisions.md",
            "revisions.csv",
            "draft.md",
            "draft.docx",
            "sources.md",
            "sources.csv",
            "provenance.json",
        ]
    )
    sources = (folder / "sources.md").read_text()
    assert "https://rojavainformationcenter.org/2023/12/november-sleeper-cell-report" in sources
    assert "https://english.hathalyoum.net/articles/95076" in sources


def test_optional_sections_say_they_were_skipped_without_logs_or_acled(first_run):
    html = (first_run / "reports" / MONTH / "monthly_report.html").read_text()
    assert "No incident or raid log in data/raw/incidents/: this section was skipped." in html
    assert "No ACLED export in data/raw/acled/: the ACLED cross-check was skipped." in html


def test_html_is_self_contained_with_inputs_hidden(first_run):
    html = (first_run / "reports" / MONTH / "monthly_report.html").read_text()
    assert html.count('src="data:image/png;base64,') == 5
    assert "<script src=" not in html and "<link" not in html and "@import" not in html
    assert "load_processed(" not in html  # code inputs hidden
    assert "Traceback" not in html


def test_executed_notebook_keeps_parameters_without_timings_or_machine_paths(first_run):
    import nbformat

    nb = nbformat.read(first_run / "reports" / MONTH / "monthly_report.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["MONTH"] == MONTH
    raw = (first_run / "reports" / MONTH / "monthly_report.ipynb").read_text()
    assert "start_time" not in raw and "duration" not in raw and str(paths.ROOT) not in raw


# --- the draft: checked, edited, opened in LibreOffice ------------------------------------------------


def check_draft(path: Path, processed: Path, raw: Path) -> tuple[int, str]:
    """`python -m analysis check-draft` in this process: (exit status, what it printed)."""
    from analysis.run import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = cli.main(["check-draft", MONTH, str(path), "--processed", str(processed), "--raw", str(raw)])
    return status, out.getvalue()


def test_the_unedited_draft_passes_the_check_in_both_formats_alike(first_run, processed, raw):
    results = [check_draft(first_run / "reports" / MONTH / name, processed, raw) for name in ("draft.md", "draft.docx")]
    for status, printed in results:
        assert status == 0, printed
    summaries = [printed.rstrip().splitlines()[-1] for _, printed in results]  # the coverage line
    assert summaries[0] == summaries[1] and " 0 mismatch" in summaries[0], summaries
    text = (first_run / "reports" / MONTH / "draft.md").read_text(encoding="utf-8")
    for sentence in (
        "ISIS sleeper cells carried out 11 confirmed attacks in NES in November, down from 17 in October.",
        "Security forces carried out 10 raids on ISIS sleeper cells in November, resulting in 17 arrests "
        "and 1 ISIS official killed.",
        "Iraq repatriated 776 people (192 families) from al-Hol camp.",
    ):
        assert sentence in text


def test_an_edited_draft_with_one_number_changed_fails_and_names_the_sentence(first_run, processed, raw, tmp_path):
    edited = tmp_path / "edited.md"
    text = (first_run / "reports" / MONTH / "draft.md").read_text(encoding="utf-8")
    edited.write_text(
        text.replace("carried out 11 confirmed attacks", "carried out twelve confirmed attacks"), encoding="utf-8"
    )
    status, printed = check_draft(edited, processed, raw)
    assert status == 1 and ", 1 mismatch," in printed.rstrip().splitlines()[-1]
    assert "twelve  MISMATCH: the data give attacks, November 2023 = 11 (RIC report on November 2023)" in printed
    assert 'in: "ISIS sleeper cells carried out twelve confirmed attacks in NES in November' in printed


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None and not os.environ.get("CI"), reason="LibreOffice not installed (.ci/run installs it)"
)
def test_the_word_draft_opens_in_libreoffice_with_its_text_and_pictures(first_run, tmp_path):
    assert SOFFICE, "LibreOffice is missing: .ci/run installs libreoffice-writer-nogui"
    import pypdf

    result = subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(first_run / "reports" / MONTH / "draft.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    pdf = tmp_path / "draft.pdf"
    assert pdf.exists(), result.stdout + result.stderr
    reader = pypdf.PdfReader(pdf)
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "November Sleeper Cell Report" in text and "Key Points" in text
    assert "ISIS sleeper cells carried out 11 confirmed attacks in NES in November, down from 17 in October." in text
    assert "Attacks per month: 11 confirmed ISIS attacks in November 2023, down from 17 in October." in text
    assert sum(len(page.images) for page in reader.pages) >= 5  # the five figures (with their masks)


# --- the page in a real browser ---------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(first_run) -> Path:
    return first_run / "reports/2023-11/monthly_report.html"


def devtools(ws, state, method, **params):
    state["id"] += 1
    ws.send(json.dumps({"id": state["id"], "method": method, "params": params}))
    while True:
        msg = json.loads(ws.recv())
        if msg.get("method"):
            state["events"].append(msg)
        if msg.get("id") == state["id"]:
            assert "error" not in msg, msg
            return msg.get("result", {})


AXE = paths.ROOT / "tests/browser/node_modules/axe-core/axe.min.js"  # `npm ci --prefix tests/browser` (.ci/run)
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"), reason="chromium not installed (CI installs it)"
)


@pytest.fixture(scope="module")
def page_state(report, tmp_path_factory) -> dict:
    """The report opened once in headless Chromium over the DevTools protocol: what the page shows, what it
    requested, a screenshot, and (when axe-core is installed) axe-core's findings on it."""
    assert CHROMIUM, "chromium is missing: .ci/run installs the Debian package"
    tmp_path = tmp_path_factory.mktemp("browser")
    profile = tmp_path / "profile"
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "--window-size=1100,1400",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if (profile / "DevToolsActivePort").exists() and (profile / "DevToolsActivePort").read_text().strip():
                break
            time.sleep(0.2)
        port = (profile / "DevToolsActivePort").read_text().split()[0]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            page = next(t for t in json.loads(response.read()) if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        state = {"id": 0, "events": []}
        devtools(ws, state, "Network.enable")
        devtools(ws, state, "Page.enable")
        devtools(ws, state, "Page.navigate", url=report.as_uri())
        deadline = time.monotonic() + 30
        while not any(e["method"] == "Page.loadEventFired" for e in state["events"]) and time.monotonic() < deadline:
            state["events"].append(json.loads(ws.recv()))
        found = devtools(
            ws,
            state,
            "Runtime.evaluate",
            returnByValue=True,
            expression=(
                "JSON.stringify({images: Array.from(document.images).map(i => [i.complete, i.naturalWidth]),"
                " alts: Array.from(document.images).map(i => i.alt),"
                " figures: Array.from(document.images).map(i => [!!i.closest('figure')"
                "   && !!i.closest('figure').querySelector('figcaption'),"
                "   (document.getElementById(i.getAttribute('aria-describedby')) || {textContent: ''}).textContent]),"
                " text: document.body.innerText})"
            ),
        )
        result = json.loads(found["result"]["value"])
        shot = devtools(ws, state, "Page.captureScreenshot", format="png", captureBeyondViewport=True)
        (tmp_path / "screenshot.png").write_bytes(base64.b64decode(shot["data"]))
        result["axe"] = None
        if AXE.exists():  # injected into the page from the local copy: nothing is fetched
            devtools(ws, state, "Runtime.evaluate", expression=AXE.read_text(encoding="utf-8"))
            axe = devtools(
                ws,
                state,
                "Runtime.evaluate",
                awaitPromise=True,
                returnByValue=True,
                expression=(
                    "axe.run(document).then(r => JSON.stringify(r.violations.map("
                    "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length}))))"
                ),
            )
            result["axe"] = json.loads(axe["result"]["value"])
        ws.close()
    finally:
        browser.terminate()
        browser.wait(timeout=30)
    result["requested"] = [
        e["params"]["request"]["url"] for e in state["events"] if e["method"] == "Network.requestWillBeSent"
    ]
    result["screenshot"] = tmp_path / "screenshot.png"
    return result


@needs_chromium
def test_report_renders_offline_with_every_figure(page_state):
    assert len(page_state["images"]) == 5
    assert all(complete and width > 0 for complete, width in page_state["images"])
    text = page_state["text"]
    assert "11 confirmed ISIS sleeper cell attacks across NES in November" in text
    assert not re.search(r"Traceback|\bError\b|\bnan\b|<NA>|\bNone\b", text, re.I), "error text on the page"
    requested = page_state["requested"]
    assert requested and all(url.startswith(("file:", "data:")) for url in requested), requested
    assert page_state["screenshot"].stat().st_size > 10_000


@needs_chromium
def test_every_figure_has_alt_text_a_caption_and_a_long_description(page_state):
    alts = page_state["alts"]
    assert len(alts) == 5 and all(alt.strip() and len(alt) <= 160 for alt in alts), alts
    assert "11 confirmed ISIS attacks in November 2023, down from 17 in October" in alts
    for (captioned, description), alt in zip(page_state["figures"], alts):
        assert captioned and description.startswith(alt) and len(description) > len(alt) + 40, (alt, description)


@needs_chromium
def test_axe_finds_nothing_serious_or_critical_on_the_report_page(page_state):
    if page_state["axe"] is None:
        assert not os.environ.get("CI"), f"axe-core is missing at {AXE}: .ci/run installs it with npm ci"
        pytest.skip("axe-core not installed: npm ci --prefix tests/browser")
    serious = [v for v in page_state["axe"] if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
