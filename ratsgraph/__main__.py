"""`python -m ratsgraph` runs the command line."""

from .cli import main

main()
