"""Where each key of a TOML text stands: one linear pass over the text, no regular expressions.

``tomllib`` gives a line number only for syntax errors. To name the line of a
key with a wrong value, this scanner walks the text once, character by
character, keeping track of table headers, keys, strings (also multi-line ones)
and arrays that span lines. The key path itself always comes from the parsed
data; the scanner only answers "on which line". It never raises, whatever the
text, and its time grows linearly with the text's length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

KeyPath = tuple[str, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_BLANK = frozenset(" \t")


@dataclass
class KeyLines:
    """The first line of every key path and table header, and the lines of ``[[table]]`` entries."""

    first: dict[KeyPath, int] = field(default_factory=dict)
    entries: dict[KeyPath, list[int]] = field(default_factory=dict)
    #: (line, key path) of each key written in a ``[[table]]`` entry, in file order.
    entry_keys: list[tuple[int, KeyPath]] = field(default_factory=list)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.end = len(text)
        self.line = 1

    def blanks(self, i: int) -> int:
        text, end = self.text, self.end
        while i < end and text[i] in _BLANK:
            i += 1
        return i

    def line_end(self, i: int) -> int:
        found = self.text.find("\n", i)
        return self.end if found < 0 else found

    def key(self, i: int) -> tuple[KeyPath | None, int]:
        """A (dotted) key starting at ``i``: its parts and where it ends; ``None`` if there is none."""
        text, end = self.text, self.end
        parts: list[str] = []
        while True:
            i = self.blanks(i)
            if i >= end:
                return None, i
            c = text[i]
            if c == '"':
                part, i = self.basic_string(i + 1)
            elif c == "'":
                close = text.find("'", i + 1, self.line_end(i + 1))
                if close < 0:
                    return None, i
                part, i = text[i + 1 : close], close + 1
            elif c in _BARE:
                start = i
                while i < end and text[i] in _BARE:
                    i += 1
                part = text[start:i]
            else:
                return None, i
            if part is None:
                return None, i
            parts.append(part)
            i = self.blanks(i)
            if i < end and text[i] == ".":
                i += 1
                continue
            return tuple(parts), i

    def basic_string(self, i: int) -> tuple[str | None, int]:
        """A one-line ``"…"`` string from just after its opening quote (escapes kept as written)."""
        text, end = self.text, self.end
        start = i
        while i < end:
            c = text[i]
            if c == "\\":
                i += 2
                continue
            if c == '"':
                return text[start:i], i + 1
            if c == "\n":
                return None, i
            i += 1
        return None, end

    def multiline(self, i: int, quotes: str) -> int:
        """Past the closing ``quotes`` of a multi-line string that opened just before ``i``."""
        text = self.text
        escapes = quotes == '"""'
        while True:
            close = text.find(quotes, i)
            if close < 0:
                self.line += text.count("\n", i)
                return self.end
            if escapes:
                slashes = close
                while slashes > i and text[slashes - 1] == "\\":
                    slashes -= 1
                if (close - slashes) % 2:  # an escaped quote: look further
                    self.line += text.count("\n", i, close + 1)
                    i = close + 1
                    continue
            self.line += text.count("\n", i, close)
            close += 3
            extra = 0
            while extra < 2 and close < self.end and text[close] == quotes[0]:
                close += 1  # up to two quotes may end the content: """a"""""
                extra += 1
            return close

    def value(self, i: int) -> int:
        """Past a value (which may span lines: arrays, multi-line strings), at the end of its last line."""
        text, end = self.text, self.end
        depth = 0
        while i < end:
            c = text[i]
            if c == '"':
                if text.startswith('"""', i):
                    i = self.multiline(i + 3, '"""')
                else:
                    _, i = self.basic_string(i + 1)
                continue
            if c == "'":
                if text.startswith("'''", i):
                    i = self.multiline(i + 3, "'''")
                else:
                    close = text.find("'", i + 1, self.line_end(i + 1))
                    i = self.line_end(i + 1) if close < 0 else close + 1
                continue
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth = max(depth - 1, 0)
            elif c == "#":
                i = self.line_end(i)
                continue
            elif c == "\n":
                if depth == 0:
                    return i
                self.line += 1
            i += 1
        return end


def scan_keys(text: str) -> KeyLines:
    """The lines of the keys and table headers of ``text`` (valid TOML or not)."""
    found = KeyLines()
    scanner = _Scanner(text)
    end = len(text)
    table: KeyPath = ()
    entry: KeyPath | None = None  # the current table with its [[entry]] index: ("adjust", "0")
    i = 0
    while i < end:
        i = scanner.blanks(i)
        if i >= end:
            break
        c = text[i]
        if c == "\n":
            scanner.line += 1
            i += 1
            continue
        if c == "[":
            line = scanner.line
            is_entry = text.startswith("[[", i)
            parts, i = scanner.key(i + (2 if is_entry else 1))
            if parts is not None:
                table = parts
                for length in range(1, len(table) + 1):  # [admin.kansli] also mentions admin
                    found.first.setdefault(table[:length], line)
                entry = None
                if is_entry:
                    lines = found.entries.setdefault(table, [])
                    entry = table + (str(len(lines)),)
                    lines.append(line)
                    found.first.setdefault(entry, line)
            i = scanner.line_end(i)
            continue
        if c in "#\r":
            i = scanner.line_end(i)
            continue
        line = scanner.line
        parts, i = scanner.key(i)
        i = scanner.blanks(i)
        if parts is None or i >= end or text[i] != "=":
            i = scanner.line_end(i)
            continue
        for length in range(1, len(parts) + 1):
            found.first.setdefault(table + parts[:length], line)
            if entry is not None:
                found.first.setdefault(entry + parts[:length], line)
        if entry is not None:
            found.entry_keys.append((line, table + parts))
        i = scanner.value(i + 1)
    return found


def key_on_line(text: str, line: int) -> KeyPath | None:
    """The key (or table header) that starts line ``line`` of ``text``, if one does."""
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    scanner = _Scanner(text)
    i = scanner.blanks(start)
    if text.startswith("[[", i):
        i += 2
    elif text.startswith("[", i):
        i += 1
    parts, _ = scanner.key(i)
    return parts
