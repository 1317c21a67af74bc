"""`python -m analysis <command>`: the command line lives in analysis/run/cli.py."""

import sys

from .errors import not_installed

if __name__ == "__main__":
    try:
        from .run.cli import main
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] == "analysis":
            raise
        sys.exit(not_installed(exc))
    sys.exit(main())
