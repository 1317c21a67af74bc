"""The contract between the report runner and the notebook for figures drawn in the background.

The runner sets BACKGROUND_ENV for the kernel; `style.save` then draws figures in forked processes and
`monthly.show_figure` shows DRAWING until each figure is ready. The runner refuses a notebook that still
shows DRAWING at its end. Kept apart so the runner can read it without importing matplotlib or pandas.
"""

BACKGROUND_ENV = "SLEEPER_CELL_DRAW_IN_BACKGROUND"
DRAWING = "_Drawing this figure…_"
