"""`make verify`: a rebuild from data/raw in a scratch folder, compared with reports/SHA256SUMS."""

import pytest

from ..conftest import copy_project, make


@pytest.mark.slow
def test_verify_rebuilds_in_a_scratch_folder_and_passes_on_a_clean_tree(tmp_path):
    root = copy_project(tmp_path / "verify")
    ok = make(root, "verify", "MONTHS=2023-10")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "VERIFIED: all" in ok.stdout
    assert not (root / "figures/2023-10").exists()  # the work tree is untouched


def test_verify_names_every_file_that_differs():
    from analysis.run.verify import compare

    expected = {"reports/2023-11/key_points.md": "a" * 64, "figures/2023-11/01_attacks.png": "b" * 64}
    actual = {"reports/2023-11/key_points.md": "0" * 64, "reports/2023-11/extra.csv": "c" * 64}
    assert compare(expected, actual) == [
        "MISSING   figures/2023-11/01_attacks.png (listed in SHA256SUMS, not rebuilt)",
        "NEW       reports/2023-11/extra.csv (rebuilt, not in SHA256SUMS)",
        "DIFFERS   reports/2023-11/key_points.md",
    ]


def write_png(path, pixels):
    from matplotlib import image

    image.imsave(path, pixels)


def test_verify_says_what_differs_in_an_svg_a_png_and_a_docx(tmp_path):
    """The first differing line of a text file (both versions, trimmed), the share of a PNG's pixels that
    differ, the first differing part of a .docx; SYNTHETIC files."""
    import zipfile

    import numpy as np

    from analysis.run.verify import describe

    listed, rebuilt = tmp_path / "listed", tmp_path / "rebuilt"
    listed.mkdir(), rebuilt.mkdir()
    head = '<svg>\n<path d="' + "L 1.000000 2.000000 " * 20
    (listed / "a.svg").write_text(head + 'M 123.351613 106.131893"/>\n</svg>\n')
    (rebuilt / "a.svg").write_text(head + 'M 123.351612 106.131894"/>\n</svg>\n')
    said = describe(listed / "a.svg", rebuilt / "a.svg")
    assert said.startswith("first difference at line 2, column 421:")
    assert "123.351613 106.131893" in said and "123.351612 106.131894" in said and "…" in said
    assert len(said.splitlines()[1]) < 150  # trimmed around the difference
    pixels = np.zeros((10, 20, 3), dtype="uint8")
    write_png(listed / "b.png", pixels)
    pixels[2:4, 5:10] = 255  # 10 of 200 pixels
    write_png(rebuilt / "b.png", pixels)
    assert (
        describe(listed / "b.png", rebuilt / "b.png") == "5.0000% of the pixels differ (10 of 200), within x 5-9, y 2-3"
    )
    for folder, word in ((listed, "eleven"), (rebuilt, "twelve")):
        with zipfile.ZipFile(folder / "c.docx", "w") as docx:
            docx.writestr("[Content_Types].xml", "<Types/>")
            docx.writestr("word/document.xml", f"<w:document>\n<w:t>{word} attacks</w:t>\n</w:document>\n")
    said = describe(listed / "c.docx", rebuilt / "c.docx")
    assert said.startswith("part word/document.xml: first difference at line 2, column 6:")
    assert "eleven attacks" in said and "twelve attacks" in said


def test_a_file_that_differs_is_described_only_against_its_listed_version(tmp_path):
    from analysis.outputs import sha256_of
    from analysis.run.verify import explain

    here, scratch = tmp_path / "here", tmp_path / "scratch"
    for folder, text in ((here, "a,b\n1,2\n"), (scratch, "a,b\n1,3\n")):
        (folder / "reports/2023-10").mkdir(parents=True)
        (folder / "reports/2023-10/key_figures.csv").write_text(text)
    name = "reports/2023-10/key_figures.csv"
    listed = {name: sha256_of(here / name)}
    lines = explain([f"DIFFERS   {name}"], listed, scratch, [here])
    assert lines[0] == f"DIFFERS   {name}" and "listed:  '1,2'" in lines[1] and "rebuilt: '1,3'" in lines[1]
    (here / name).write_text("a,b\n1,4\n")  # the checkout's copy is not the listed version: not used
    assert "no copy of the listed version here" in explain([f"DIFFERS   {name}"], listed, scratch, [here])[1]
