"""What a portal parser could not recover, and the small text helpers all parsers share."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Issues:
    """What a parser could not recover, by record field, and what a human should re-read."""

    unparsed: list[str] = field(default_factory=list)
    review: list[str] = field(default_factory=list)

    def cannot(self, source_field: str, message: str, *, blanked: bool = False) -> None:
        """A part of the record that could not be turned into content.

        Unless a "CẦN ĐIỀN" placeholder already marks it (``blanked``), it is also written
        in the file's header, so nothing the record held is dropped without a trace.
        """
        self.unparsed.append(f"{source_field}: {message}")
        if not blanked:
            self.review.append(f"{source_field}: không đọc được — {message}")

    def check(self, message: str) -> None:
        """Something recovered that a human should compare with the portal."""
        self.review.append(message)


def bracket_depths(text: str) -> list[int]:
    """The parenthesis depth at each character (text in brackets is never split)."""
    depth, out = 0, []
    for char in text:
        if char == "(":
            depth += 1
        out.append(depth)
        if char == ")" and depth:
            depth -= 1
    return out


def unwrap_brackets(text: str) -> str:
    """ "((Miễn lệ phí.))" → "Miễn lệ phí." (the portal doubles them at random)."""
    text = text.strip()
    while text.startswith("(") and text.endswith(")"):
        depths = bracket_depths(text)
        # Only when the first bracket closes at the very end: "(a) và (b)" stays.
        if any(d == 1 and c == ")" for d, c in zip(depths[:-1], text[:-1], strict=True)):
            break
        text = text[1:-1].strip()
    return text
