"""The command line: a thin front over :mod:`prdlint.engine`. One command per module."""
