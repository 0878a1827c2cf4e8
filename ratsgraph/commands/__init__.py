"""Groups of click commands kept out of `ratsgraph/cli.py`; each module has `register(main)`."""
