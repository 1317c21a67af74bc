"""An executed notebook as one self-contained HTML page: prose and outputs only, figures embedded.

Written here rather than with nbconvert because the page needs very little (Markdown, tables, images,
printed text) and importing nbconvert alone took about a second of every monthly run. The page has no
scripts, fonts or links to fetch, so it opens offline; the same notebook always gives the same bytes.
"""

from __future__ import annotations

import html

import mistune

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: "DejaVu Sans", Arial, sans-serif; max-width: 54rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }}
img {{ max-width: 100%; height: auto; }}
figure {{ margin: 1rem 0; }} figcaption {{ font-size: 0.9rem; }} details {{ font-size: 0.85rem; color: #444; }}
table {{ border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; }}
pre {{ white-space: pre-wrap; font-family: inherit; }}
pre.stderr {{ color: #8a4b00; }}
h1 {{ font-size: 1.6rem; }} h2 {{ font-size: 1.25rem; margin-top: 2rem; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""

# Raw HTML inside Markdown (text that came from data) is escaped, never passed through.
_markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])

# richest first, as JupyterLab chooses
_PREFERENCE = ("image/png", "image/svg+xml", "text/html", "text/markdown", "text/plain")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _heading(source: str) -> str | None:
    first = source.lstrip().splitlines()[0] if source.strip() else ""
    return first.lstrip("#").strip() if first.startswith("#") else None


def _figure(png: str, section: str, metadata: dict, number: int) -> str:
    """A figure: the image with its alt text (the finding), a caption naming it (its registered caption, for a
    standard figure; else the notebook section), and the long description beside it (folded, and tied to the
    image for screen readers)."""
    section = metadata.get("caption") or section
    alt = (metadata.get("image/png") or {}).get("alt") or f"Figure: {section}"
    description = metadata.get("description", "")
    img = f'<img src="data:image/png;base64,{png.strip()}" alt="{html.escape(alt)}"'
    if not description:
        return f"<figure>\n{img}>\n<figcaption>{html.escape(section)}</figcaption>\n</figure>"
    ident = f"figure-{number}-description"
    return (
        f'<figure>\n{img} aria-describedby="{ident}">\n<figcaption><strong>{html.escape(section)}.</strong> '
        f"{html.escape(alt)}</figcaption>\n<details><summary>Description of the figure</summary>"
        f'<p id="{ident}">{html.escape(description)}</p></details>\n</figure>'
    )


def _rich(data: dict, alt: str, metadata: dict | None = None, number: int = 0) -> str:
    for mime in _PREFERENCE:
        if mime not in data:
            continue
        value = _text(data[mime])
        if mime == "image/png":
            return _figure(value, alt, metadata or {}, number)
        if mime == "image/svg+xml" or mime == "text/html":
            return value
        if mime == "text/markdown":
            return _markdown(value)
        return f"<pre>{html.escape(value)}</pre>"
    return ""


def _output(output: dict, section: str, number: int) -> str:
    kind = output.get("output_type")
    if kind == "stream":
        css = ' class="stderr"' if output.get("name") == "stderr" else ""
        return f"<pre{css}>{html.escape(_text(output.get('text', '')))}</pre>"
    if kind in ("display_data", "execute_result"):
        return _rich(output.get("data", {}), section, output.get("metadata", {}), number)
    if kind == "error":
        error = f"{output.get('ename', '')}: {output.get('evalue', '')}"
        return f'<pre class="stderr">{html.escape(error)}</pre>'
    return ""


def notebook_html(nb: dict, title: str) -> str:
    """The page for an executed notebook (code inputs hidden); each image is a figure captioned with its
    section, alt-texted with the finding its output carries (else with the section)."""
    parts, section = [], title
    for cell in nb["cells"]:
        source = _text(cell.get("source", ""))
        if cell["cell_type"] == "markdown":
            section = _heading(source) or section
            parts.append(_markdown(source))
        elif cell["cell_type"] == "code":
            for output in cell.get("outputs", []):
                parts.append(_output(output, section, len(parts)))  # len(parts): a unique id for a figure
    parts = [p for p in parts if p]
    return PAGE.format(title=html.escape(title), body="\n".join(parts))
