"""Vietnamese text pools mined from the sample procedures, to recombine into synthetic ones."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# A sentence ends at ". " or "; " followed by an upper-case letter (Vietnamese included).
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÀ-ỸĐ])")
_LEGAL_NUMBER = re.compile(r"\d+/(\d{4})/([A-ZĐ0-9-]+)")


@dataclass
class LegalDoc:
    """A legal document as the sample cites it: number, title, date (dd/mm/yyyy or empty)."""

    number: str
    title: str
    date: str


@dataclass
class Corpus:
    """Distinct texts of the sample procedures, by the role they play in a procedure."""

    names: list[str] = field(default_factory=list)
    summaries: list[str] = field(default_factory=list)
    step_sentences: list[str] = field(default_factory=list)
    condition_sentences: list[str] = field(default_factory=list)
    dossier_names: list[str] = field(default_factory=list)
    dossier_notes: list[str] = field(default_factory=list)
    copies: list[str] = field(default_factory=list)
    form_names: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    time_limits: list[str] = field(default_factory=list)
    fee_notes: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)
    competent: list[str] = field(default_factory=list)
    implementing: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    legal_docs: list[LegalDoc] = field(default_factory=list)
    source_files: int = 0
    digest: str = ""

    def stats(self) -> dict[str, int | str]:
        """Pool sizes, for the results file (so a run says what text it was made of)."""
        sizes: dict[str, int | str] = {
            name: len(value) for name, value in vars(self).items() if isinstance(value, list)
        }
        sizes["source_files"] = self.source_files
        sizes["digest"] = self.digest
        return sizes


def sentences(text: str) -> list[str]:
    """Split running text into sentences; keep the ones long enough to read as sentences."""
    parts = [" ".join(part.split()) for part in _SENTENCE_END.split(text)]
    return [part for part in parts if len(part) >= 20]


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _add(pool: list[str], seen: set[tuple[int, str]], value: Any) -> None:
    text = _text(value)
    key = (id(pool), text or "")
    if text and key not in seen:
        seen.add(key)
        pool.append(text)


def load_corpus(procedure_dir: Path) -> Corpus:
    """Read every sample procedure (all scalars as text) and pool its texts by role."""
    corpus = Corpus()
    seen: set[tuple[int, str]] = set()
    digest = hashlib.sha256()
    files = sorted(procedure_dir.glob("*.yml"))
    for path in files:
        raw = path.read_bytes()
        digest.update(raw)
        try:
            data = yaml.load(raw.decode("utf-8"), Loader=yaml.BaseLoader)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # a sample file being edited right now; the others are enough
        if not isinstance(data, dict):
            continue
        corpus.source_files += 1
        _add(corpus.names, seen, data.get("name"))
        _add(corpus.summaries, seen, data.get("summary"))
        _add(corpus.results, seen, data.get("result"))
        for subject in _list(data.get("subjects")):
            _add(corpus.subjects, seen, subject)
        for step in _list(data.get("steps")):
            for sentence in sentences(_text(step) or ""):
                _add(corpus.step_sentences, seen, sentence)
        for condition in _list(data.get("conditions")):
            for sentence in sentences(_text(condition) or ""):
                _add(corpus.condition_sentences, seen, sentence)
        for channel in _list(data.get("channels")):
            if isinstance(channel, dict):
                _add(corpus.time_limits, seen, channel.get("time_limit"))
                _add(corpus.fee_notes, seen, channel.get("fee_note"))
        for item in _list(data.get("dossier")):
            if not isinstance(item, dict):
                continue
            _add(corpus.dossier_names, seen, item.get("name"))
            _add(corpus.copies, seen, item.get("copies"))
            for sentence in sentences(_text(item.get("note")) or ""):
                _add(corpus.dossier_notes, seen, sentence)
            form = item.get("form")
            if isinstance(form, dict):
                _add(corpus.form_names, seen, form.get("name"))
        for law in _list(data.get("legal_basis")):
            if isinstance(law, dict) and _text(law.get("number")) and _text(law.get("title")):
                corpus.legal_docs.append(
                    LegalDoc(
                        _text(law.get("number")) or "",
                        _text(law.get("title")) or "",
                        _text(law.get("date")) or "",
                    )
                )
        agencies = data.get("agencies")
        if isinstance(agencies, dict):
            _add(corpus.competent, seen, agencies.get("competent"))
            _add(corpus.implementing, seen, agencies.get("implementing"))
            _add(corpus.coordinating, seen, agencies.get("coordinating"))
    corpus.digest = digest.hexdigest()[:16]
    # Step sentences also make good dossier notes and conditions, and the reverse.
    corpus.step_sentences += corpus.condition_sentences
    corpus.condition_sentences += corpus.dossier_notes
    missing = [name for name, size in corpus.stats().items() if size == 0]
    if missing:
        raise ValueError(f"sample procedures in {procedure_dir} give no text for: {missing}")
    return corpus


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def legal_kind(number: str) -> str:
    """The kind suffix of a legal document number: "123/2015/NĐ-CP" -> "NĐ-CP"."""
    match = _LEGAL_NUMBER.search(number)
    return match.group(2) if match else "NĐ-CP"
