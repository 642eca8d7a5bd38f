"""``python -m eventwire``: the same command as ``eventwire``."""

from eventwire.cli import main

main()
