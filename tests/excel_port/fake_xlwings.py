"""A small in-memory stand-in for the parts of xlwings the adapter uses (book, sheets, tables,
ranges, notes), with Excel's rules for what a typed value becomes: a leading quote makes
text, ``=…`` makes a formula, a digit string becomes a number."""

from __future__ import annotations

import re


def _a1(ref: str) -> tuple[int, int]:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m[1]:
        col = col * 26 + ord(ch) - 64
    return int(m[2]), col


class Formula(str):
    """What Excel would store for an unquoted ``=…`` value."""


class Note:
    def __init__(self, sheet, cell, text):
        self.sheet, self.cell, self.text = sheet, cell, text

    @property
    def location(self):
        return Range(self.sheet, self.cell, self.cell)

    def delete(self):
        del self.sheet.note_map[self.cell]


class Range:
    def __init__(self, sheet, a, b):
        self.sheet, self.a, self.b = sheet, a, b
        self.ndim = None

    row = property(lambda self: self.a[0])
    column = property(lambda self: self.a[1])
    rows = property(lambda self: type("Rows", (), {"count": self.b[0] - self.a[0] + 1})())

    def options(self, ndim=None, **_):
        self.ndim = ndim
        return self

    def _cells(self):
        return [[(r, c) for c in range(self.a[1], self.b[1] + 1)] for r in range(self.a[0], self.b[0] + 1)]

    @property
    def value(self):
        grid = [[self.sheet.cells.get(rc) for rc in row] for row in self._cells()]
        if self.ndim == 2:
            return grid
        return grid[0] if len(grid) == 1 else grid

    @value.setter
    def value(self, data):
        rows = data if isinstance(data, list) and data and isinstance(data[0], list) else [[data]]
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if isinstance(v, str) and v.startswith("'"):
                    v = v[1:]
                elif isinstance(v, str) and v.startswith("="):
                    v = Formula(v)
                elif isinstance(v, str) and re.fullmatch(r"[+-]?\d+(\.\d+)?", v):
                    v = float(v)
                self.sheet.cells[(self.a[0] + i, self.a[1] + j)] = v

    def clear_contents(self):
        for row in self._cells():
            for rc in row:
                self.sheet.cells.pop(rc, None)

    @property
    def color(self):
        return self.sheet.colors.get(self.a)

    @color.setter
    def color(self, value):
        for row in self._cells():
            for rc in row:
                self.sheet.colors[rc] = value

    @property
    def number_format(self):
        return self.sheet.formats.get(self.a)

    @number_format.setter
    def number_format(self, value):
        for row in self._cells():
            for rc in row:
                self.sheet.formats[rc] = value

    @property
    def note(self):
        return self.sheet.note_map.get(self.a)

    def add_note(self, text):
        assert self.a not in self.sheet.note_map
        self.sheet.note_map[self.a] = Note(self.sheet, self.a, text)


class Table:
    def __init__(self, sheet, name, ref):
        self.sheet, self.name = sheet, name
        a, b = ref.split(":")
        self.a, self.b = _a1(a), _a1(b)

    range = property(lambda self: Range(self.sheet, self.a, self.b))
    header_row_range = property(lambda self: Range(self.sheet, self.a, (self.a[0], self.b[1])))

    @property
    def data_body_range(self):
        return Range(self.sheet, (self.a[0] + 1, self.a[1]), self.b) if self.b[0] > self.a[0] else None

    def resize(self, rng):
        self.a, self.b = rng.a, rng.b


class Sheet:
    def __init__(self, name):
        self.name, self.cells, self.colors, self.formats, self.note_map = name, {}, {}, {}, {}
        self.tables = []

    @property
    def notes(self):
        return list(self.note_map.values())

    def range(self, a, b=None):
        a = _a1(a) if isinstance(a, str) else a
        return Range(self, a, b or a)

    def clear(self):
        self.cells.clear()


class Sheets(list):
    def __getitem__(self, key):
        if isinstance(key, str):
            return next(s for s in self if s.name == key)
        return super().__getitem__(key)

    def add(self, name, after=None):
        sheet = Sheet(name)
        self.append(sheet)
        return sheet


class App:
    def __init__(self):
        self.alerts = []

    def alert(self, prompt, title=None, **_):
        self.alerts.append((title, prompt))


class Book:
    def __init__(self, name):
        self.name, self.sheets, self.app, self.saved = name, Sheets(), App(), 0

    def save(self):
        self.saved += 1
