"""``prdlint server``: a Language Server over stdio (pygls), on the same engine as the CLI.

Modules: ``positions`` (prdlint spans ↔ LSP ranges), ``diagnostics`` (findings → LSP
diagnostics), ``linting`` (the engine behind a per-document cache and config watch, no LSP),
``actions`` (code actions and hover), ``protocol`` (the pygls handlers and scheduling).
pygls and lsprotocol are imported only by the modules that need them, and only
``prdlint server`` imports those.
"""
