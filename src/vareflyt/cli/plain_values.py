"""Option values that need no pydantic: text as typed, a path as Typer checks it.

Typer 0.26 and later coerce every option value through a pydantic ``TypeAdapter``, so the first
``--supplier 7080000000029`` of a run imports pydantic and builds a schema — about 0.2 s of a
``vareflyt prices lookup`` that otherwise takes 0.3 s (issue 19 item 4). Most of our options are
plain text or a path without conditions, whose coercion is the value itself (text) or
``Path(value)`` with Typer's own path checks. ``plain_values_first`` gives a parameter a
coercion that does exactly that for those values and hands everything else (numbers, choices,
lists, a custom parser, a value that is not plain text) to Typer's own adapter, unchanged.

Only for a Typer that has this coercion layer (``type_descriptor`` on its parameters, the
``RuntimeParam`` base of Typer 0.29); with an older, Click-based Typer, or one whose private
layer looks different, nothing is changed and Typer coerces as it always does.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any


def plain_values_first(param: Any) -> None:
    """Let ``param`` (a Typer option or argument) coerce plain values without pydantic."""
    if getattr(param, "_runtime_param", False) is not None or not hasattr(param, "type_descriptor"):
        return
    descriptor = param.type_descriptor
    try:
        plain = _plain_first_class()(descriptor.parameter_info, descriptor.annotation, descriptor)
    except (ImportError, AttributeError, TypeError):  # a Typer whose private coercion layer differs
        return  # keeps its own coercion
    param._runtime_param = plain


@cache
def _plain_first_class() -> type:
    """The coercion class, built on first use from Typer's own base (a private Typer module)."""
    from dataclasses import dataclass

    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_path

    @dataclass(frozen=True)
    class PlainFirst(RuntimeParam):
        descriptor: TypeDescriptor

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            if value.__class__ is str and info.parser is None:
                if self.annotation is str:  # Typer's str adapter gives the text back
                    return value
                if self.annotation is Path and info.path_type is None:  # what its path adapter does
                    return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)

    return PlainFirst


__all__ = ["plain_values_first"]
