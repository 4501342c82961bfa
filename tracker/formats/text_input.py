"""A file's bytes as text, and text as CSV rows, each failure naming its row.

Split from `common`: every reader starts here. People's exports come as
UTF-8 (with or without a byte-order mark), or UTF-16/UTF-32 as Windows saves
them; binary junk or another encoding is refused with the row where it
starts. CSV rows keep their numbers (the header is row 1), blank lines are
passed over, and a row with the wrong number of cells is kept aside as a
problem rather than read shifted. Standard library only.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

from .import_outcome import ImportFailed, ImportProblem

# Byte-order marks of the Unicode encodings other than UTF-8 (UTF-32 first:
# its little-endian mark starts with UTF-16's).
UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SAVE_AS_UTF8 = "save it again as UTF-8 (in Excel: Save As, 'CSV UTF-8')"


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec of UTF-16 text with no byte-order mark, told by its zero bytes.

    Text in a Latin script saved as UTF-16 has a zero byte in every other
    place (the odd ones for little-endian), which no UTF-8 text has.
    """
    sample = data[:400]
    if len(sample) < 4:
        return None
    for codec, zeros, others in (
        ("utf-16-le", sample[1::2], sample[0::2]),
        ("utf-16-be", sample[0::2], sample[1::2]),
    ):
        if zeros.count(0) >= 0.9 * len(zeros) and others.count(0) == 0:
            return codec
    return None


def _decode_utf16(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec).lstrip("\ufeff")
    except UnicodeDecodeError as exc:
        name = "UTF-32" if "32" in codec else "UTF-16"
        raise ImportFailed(
            [
                ImportProblem(
                    None,
                    None,
                    None,
                    f"The file is {name} text but breaks off or is damaged at byte "
                    f"{exc.start}; {SAVE_AS_UTF8}.",
                )
            ]
        ) from None


def decode_text(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is allowed), or UTF-16/UTF-32 as Windows saves it.

    Anything else (binary junk, another encoding) becomes a problem naming its row.
    """
    if not data.strip():
        raise ImportFailed([ImportProblem(None, None, None, "The file is empty.")])
    codec = next((name for bom, name in UNICODE_BOMS if data.startswith(bom)), None)
    codec = codec or _utf16_without_bom(data)
    if codec is not None:
        text = _decode_utf16(data, codec)
        if not text.strip():
            raise ImportFailed([ImportProblem(None, None, None, "The file is empty.")])
        if "\x00" in text:
            row = text[: text.index("\x00")].count("\n") + 1
            raise ImportFailed(
                [ImportProblem(row, None, None, "contains a NUL character: this is not text.")]
            )
        return text
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportFailed(
            [
                ImportProblem(
                    data[:nul].count(b"\n") + 1,
                    None,
                    None,
                    "contains a NUL byte: this is a binary file, not a CSV or JSON export.",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(
            [
                ImportProblem(
                    data[: exc.start].count(b"\n") + 1,
                    None,
                    None,
                    "is not UTF-8 text (a binary file, or another encoding such as "
                    f"Windows-1252); {SAVE_AS_UTF8}.",
                )
            ]
        ) from None


@dataclass(frozen=True)
class CsvTable:
    """A CSV file split into its header (lower-cased names) and numbered rows."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    # Rows whose cell count does not match the header (left out of `rows`).
    problems: list[ImportProblem] = field(default_factory=list)

    def column(self, *names: str) -> int | None:
        """Index of the first of `names` present in the header, or None.

        A column the reader needs that appears twice is refused: taking one
        would silently drop the other.
        """
        for name in names:
            if name in self.header:
                self.refuse_duplicates(name)
                return self.header.index(name)
        return None

    def refuse_duplicates(self, *names: str) -> None:
        """Raise ImportFailed naming every one of `names` (default: any) that row 1 repeats."""
        wanted = set(names or self.header)
        problems = []
        for name in dict.fromkeys(self.header):
            places = [i + 1 for i, cell in enumerate(self.header) if cell == name]
            if name and name in wanted and len(places) > 1:
                where = ", ".join(str(p) for p in places[:-1]) + f" and {places[-1]}"
                problems.append(
                    ImportProblem(
                        1,
                        name,
                        None,
                        f"this column appears {len(places)} times in the header (columns "
                        f"{where}); keep one, so no value is dropped.",
                    )
                )
        if problems:
            raise ImportFailed(problems)


def csv_records(text: str) -> list[tuple[int, list[str]]]:
    """The non-blank records of CSV text with their row numbers (1-based).

    Malformed CSV or a file with no record at all is one ImportFailed.
    """
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), strict=True):
            number += 1
            if record and any(cell.strip() for cell in record):
                records.append((number, record))
    except csv.Error as exc:
        raise ImportFailed(
            [ImportProblem(number + 1, None, None, f"is not valid CSV ({exc}).")]
        ) from None
    if not records:
        raise ImportFailed([ImportProblem(None, None, None, "The file is empty.")])
    return records


def read_csv(text: str) -> CsvTable:
    """Split CSV text into header and rows; blank lines are ignored.

    A row with fewer or more cells than the header (a truncated or shifted
    row) is kept aside as a problem naming its row, so the reader can report
    it together with the bad values of the other rows.
    """
    records = csv_records(text)
    header_row, header = records[0]
    names = [cell.strip().lower() for cell in header]
    problems = []
    rows = []
    for row_number, cells in records[1:]:
        if len(cells) != len(names):
            kind = "truncated" if len(cells) < len(names) else "has extra cells"
            problems.append(
                ImportProblem(
                    row_number,
                    None,
                    None,
                    f"has {len(cells)} cells but the header has {len(names)} ({kind}).",
                )
            )
            continue
        rows.append((row_number, cells))
    return CsvTable(names, rows, problems)
