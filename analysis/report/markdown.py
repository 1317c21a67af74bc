"""Text from data made safe in the Markdown the reports write (key points, key figures, sources, tables).

These files are meant to be rendered (the report page, a CMS, GitHub), so a cell of a raw table must never
become markup there. Markdown's own escape does it: a backslash before each character that could open a tag,
an entity, a link or a code span (`\\<script>` renders as the text `<script>`); line breaks and `|` in table
cells are neutralised. Emphasis marks are left alone: they can only style text, and escaping them would
clutter every code value (`third_country`). Addresses go in autolinks, where `<`, `>` and spaces are
percent-encoded.
"""

from __future__ import annotations

import re

_ACTIVE = re.compile(r"([\\`\[\]<&|])")


def text(value) -> str:
    """Data text for Markdown: `<script>` becomes `\\<script\\>`, which renders as the text itself."""
    return _ACTIVE.sub(r"\\\1", str(value))


def cell(value) -> str:
    """Data text for a Markdown table cell (no line break either)."""
    return text(value).replace("\r", " ").replace("\n", " ")


def address(url: str) -> str:
    """A web address for an autolink `<...>`: nothing in it can end the link early."""
    return url.strip().replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
