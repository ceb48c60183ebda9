"""JSON form of the domain documents (orders, responses, despatch advices, invoices, catalogues).

``to_jsonable(doc)`` turns any frozen domain dataclass into plain JSON values: Decimal as a
plain string exactly as held (``"12.50"``, never exponent form), dates and datetimes in ISO
form, enums as their value, tuples as lists. ``from_jsonable(cls, data)`` is the inverse,
driven by the dataclass's type hints; the golden files use both. ``maker(cls)`` builds a
dataclass from a tuple of its field values without per-field checks (bulk reads).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Doc = TypeVar("Doc", bound="DataclassInstance")


def decimal_str(value: Decimal) -> str:
    """Decimal -> plain string, keeping its digits: ``Decimal('1E+1')`` -> ``'10'``."""
    return format(value, "f")


def to_json_object(doc: DataclassInstance) -> dict[str, Any]:
    """One domain document (a dataclass) as a JSON object: field name -> ``to_jsonable`` value."""
    return {f.name: to_jsonable(getattr(doc, f.name)) for f in dataclasses.fields(doc)}


def to_jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return to_json_object(obj)
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return decimal_str(obj)
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    return obj


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if datetime in options and isinstance(value, str) and "T" in value:
            return datetime.fromisoformat(value)
        for option in options:
            if option is datetime:
                continue
            return _convert(option, value)
        return _convert(datetime, value)
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        return tuple(_convert(inner, v) for v in value)
    if tp is Decimal:
        return Decimal(str(value))
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_jsonable(tp, value)
    if tp is bool:
        return bool(value)
    if tp is int:
        return int(value)
    if tp is str:
        return str(value)
    return value


def from_jsonable(cls: type[Doc], data: dict[str, Any]) -> Doc:
    """Build dataclass ``cls`` from its ``to_jsonable`` form (unknown keys are an error)."""
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise ValueError(f"{cls.__name__}: ukjente felt {sorted(unknown)}")
    kwargs = {name: _convert(hints[name], value) for name, value in data.items()}
    return cls(**kwargs)


T = typing.TypeVar("T")


def maker(cls: type[T]) -> typing.Callable[[typing.Iterable[Any]], T]:
    """A fast constructor for a frozen dataclass from a full tuple of field values in field order
    (fills ``__dict__`` at once instead of one ``object.__setattr__`` per field); the bulk
    readers of the store build hundreds of thousands of invoice lines with it."""
    names, new = tuple(f.name for f in dataclasses.fields(cls)), object.__new__  # type: ignore[arg-type]

    def make(values: typing.Iterable[Any]) -> T:
        obj = new(cls)
        obj.__dict__.update(zip(names, values))
        return obj

    return make
