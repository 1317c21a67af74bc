"""`python -m analysis <command>`: the command line lives in analysis/run/cli.py."""

import sys

from .run.cli import main

if __name__ == "__main__":
    sys.exit(main())
