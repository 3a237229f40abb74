"""CSV files that Danish Excel opens as they are: UTF-8 with a byte order mark (so it shows
æ, ø and å) and semicolons (it reads the comma as the decimal sign). A cell that begins like a
formula is written as text, so a name such as "=HYPERLINK(...)" never runs on the reader's
computer (CSV injection)."""

import csv
import io
from collections.abc import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def text(value) -> str:
    """One cell: empty for None, and never a formula."""
    cell = "" if value is None else str(value)
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _writer(out):
    return csv.writer(out, delimiter=";", lineterminator="\r\n")


def csv_bytes(header: Iterable, rows: Iterable[Iterable]) -> bytes:
    out = io.StringIO()
    writer = _writer(out)
    writer.writerow([text(cell) for cell in header])
    for row in rows:
        writer.writerow([text(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


class _Line:
    """A file-like sink that hands back what csv.writer writes, one row at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable, rows: Iterable[Iterable]) -> Iterable[str]:
    """The same file, row by row, for a streaming response."""
    writer = _writer(_Line())
    yield BOM + writer.writerow([text(cell) for cell in header])
    for row in rows:
        yield writer.writerow([text(cell) for cell in row])
