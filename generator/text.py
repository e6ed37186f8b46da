"""Vietnamese text helpers shared by validation hints and, later, search."""

from __future__ import annotations

import difflib
import functools
import unicodedata


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored string uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip Vietnamese diacritics ("Đăng Ký" -> "dang ky")."""
    # "đ" has no decomposition in Unicode, so NFD alone would keep it.
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def closest(word: str, choices: list[str]) -> str | None:
    """Return the choice ``word`` most likely was meant to be, ignoring case and diacritics."""
    folded = {fold(choice): choice for choice in choices}
    if fold(word) in folded:
        return folded[fold(word)]
    matches = difflib.get_close_matches(fold(word), list(folded), n=1, cutoff=0.6)
    return folded[matches[0]] if matches else None


def did_you_mean(word: str, choices: list[str]) -> str:
    """' — có phải "x"?' with the choice ``word`` was most likely meant to be, or ""."""
    guess = closest(word, choices)
    return f' — có phải "{guess}"?' if guess else ""


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y.
_LETTER_ORDER = {
    letter: index
    for index, letter in enumerate(
        [
            "a",
            "ă",
            "â",
            "b",
            "c",
            "d",
            "đ",
            "e",
            "ê",
            "f",
            "g",
            "h",
            "i",
            "j",
            "k",
            "l",
            "m",
            "n",
            "o",
            "ô",
            "ơ",
            "p",
            "q",
            "r",
            "s",
            "t",
            "u",
            "ư",
            "v",
            "w",
            "x",
            "y",
            "z",
        ]
    )
}
# Tone marks sort after the letters themselves: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


# Cached: each page that lists procedures sorts them again (1.1 s at 2,000 procedures).
@functools.lru_cache(maxsize=65536)
def sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A key that sorts Vietnamese text in dictionary order (letters first, then tones)."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _TONES:
            tones[-1:] = [_TONES[char]]
            continue
        if unicodedata.combining(char):
            # Breve, circumflex and horn make a different letter (ă, â, ê, ô, ơ, ư).
            if letters and letters[-1] >= 0:
                base = _ORDER_BASE.get(letters[-1])
                composed = unicodedata.normalize("NFC", (base or "") + char)
                letters[-1] = _LETTER_ORDER.get(composed, letters[-1])
            continue
        letters.append(_LETTER_ORDER.get(char, 100 + ord(char)))
        tones.append(0)
    return tuple(letters), tuple(tones)


_ORDER_BASE = {index: letter for letter, index in _LETTER_ORDER.items()}
