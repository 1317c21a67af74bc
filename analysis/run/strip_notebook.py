"""The git filter that keeps outputs out of committed notebooks: nbstripout, started without the 2 s that
jsonschema's unused IRI grammars cost each notebook (git starts the filter once per notebook).

`make venv` configures it: `python -m analysis.run.strip_notebook --keep-id` (same options as nbstripout).
"""

import sys

from .execute import skip_unused_format_checkers

if __name__ == "__main__":
    skip_unused_format_checkers()
    from nbstripout import main

    sys.exit(main())
