"""The package layout: public functions never shadow their modules."""

from __future__ import annotations

import importlib
import types

import pytest

import newsdiff as nd

MODULES = [
    "aligner",
    "alignment",
    "collation",
    "corpus",
    "derivation",
    "document",
    "graph",
    "index",
    "rewrite",
    "similarity",
]


@pytest.mark.parametrize("name", MODULES)
def test_module_attribute_is_the_module(name: str) -> None:
    # `from newsdiff.x import x` in __init__ would rebind nd.x to the function
    # and silently break `import newsdiff.x as m; mock.patch.object(m, ...)`.
    module = importlib.import_module(f"newsdiff.{name}")
    assert isinstance(module, types.ModuleType)
    assert getattr(nd, name, module) is module


def test_public_functions_keep_their_names() -> None:
    for name in ("align", "collate", "derive", "provenance", "diff", "segment", "normalize"):
        assert callable(getattr(nd, name)) and not isinstance(getattr(nd, name), types.ModuleType)


def test_every_options_class_can_evolve() -> None:
    for options in (nd.AlignOptions(), nd.DeriveOptions(), nd.IndexOptions()):
        changed = options.evolve()
        assert changed == options and changed is not options
