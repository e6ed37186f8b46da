"""A description of the machine and software a run was made on."""

from __future__ import annotations

import hashlib
import os
import platform
from datetime import datetime
from importlib import metadata
from pathlib import Path

PACKAGES = ("congkhai", "mkdocs", "mkdocs-material", "Markdown", "Jinja2", "pydantic", "PyYAML")


def _cpuinfo() -> tuple[str, int]:
    model = platform.processor() or "unknown"
    count = 0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
                count += 1
    except OSError:
        pass
    return model, count or (os.cpu_count() or 0)


def _mem_total_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def source_digest(repo: Path) -> str:
    """A short hash of congkhai's code and theme, so results can be tied to what was built."""
    digest = hashlib.sha256()
    for folder in ("generator", "theme"):
        for path in sorted((repo / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(repo).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def describe_machine(repo: Path) -> dict[str, object]:
    """CPU, RAM, Python and package versions, date and load, as one JSON-ready dict."""
    model, count = _cpuinfo()
    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:
        affinity = count
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu_model": model,
        "cpu_count": count,
        "cpus_usable": affinity,
        "ram_gb": _mem_total_gb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": {package: _version(package) for package in PACKAGES},
        "congkhai_source_digest": source_digest(repo),
        "load_average": list(os.getloadavg()),
    }
