"""Loaded by pytest before its plugins (`-p tests.startup`, in pyproject's addopts): nbval imports nbformat,
whose jsonschema would import `rfc3987_syntax` (about 2 s of grammar building per pytest process) only for
IRI format checkers nbformat never uses. The report runner skips it the same way."""

from analysis.run.execute import skip_unused_format_checkers

skip_unused_format_checkers()
