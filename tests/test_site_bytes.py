"""The sample ward's sites, byte for byte: a move of code cannot silently change what is built.

Every file of the public site, the kiosk build and the offline bundle (and the bundle's zip)
is compared with ``tests/cases/site-digests.txt``, built on one core and on two. After an
intended change to what a site shows (content, theme, Material's version), regenerate with
``UPDATE_GOLDEN=1 pytest tests/test_site_bytes.py`` and review which files the diff names.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from generator.bundle import make_bundle
from generator.model import Content
from generator.options import BuildOptions
from generator.project import Project, load_project
from generator.site.build import build_site

from .conftest import PINNED_DATE, copy_project, tree_digest

DIGESTS = Path(__file__).parent / "cases" / "site-digests.txt"
VARIANTS = {
    "public": BuildOptions(today=PINNED_DATE),
    "kiosk": BuildOptions(today=PINNED_DATE, kiosk=True),
    "bundle": BuildOptions(today=PINNED_DATE, bundle_revision="abcdef0123"),
}


def zip_digest(path: Path) -> dict[str, str]:
    """Every entry of a zip with the SHA-256 of its date, mode and bytes (not of the compressed
    stream, which depends on the zlib build)."""
    with zipfile.ZipFile(path) as archive:
        return {
            entry.filename: hashlib.sha256(
                f"{entry.date_time} {entry.external_attr}\n".encode() + archive.read(entry)
            ).hexdigest()
            for entry in archive.infolist()
        }


def read_digests() -> dict[str, dict[str, str]]:
    """The checked-in digests: one ``variant path sha256`` line per file."""
    digests: dict[str, dict[str, str]] = {}
    for line in DIGESTS.read_text(encoding="utf-8").splitlines():
        variant, rest = line.split(" ", 1)
        path, digest = rest.rsplit(" ", 1)
        digests.setdefault(variant, {})[path] = digest
    return digests


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Content]:
    # A copy outside git: "last updated" comes from the files' own dates, not from commits.
    project = copy_project(tmp_path_factory.mktemp("sample"))
    result = load_project(project, today=PINNED_DATE)
    assert result.content is not None, result.problems
    return project, result.content


@pytest.fixture(scope="module")
def built(
    sample: tuple[Project, Content], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, dict[str, str]]:
    """Digests of every variant, built on one core and on two (``variant-jobs``)."""
    project, content = sample
    out = tmp_path_factory.mktemp("sites")
    trees: dict[str, dict[str, str]] = {}
    for variant, options in VARIANTS.items():
        for jobs in (1, 2):
            name = f"{variant}-{jobs}"
            site = build_site(project, content, out / name, replace(options, jobs=jobs))
            trees[name] = tree_digest(site.site_dir)
    zipped, _ = make_bundle(project, content, out / "bundle.zip", VARIANTS["public"])
    trees["zip"] = zip_digest(zipped)
    if os.environ.get("UPDATE_GOLDEN"):
        lines = [
            f"{variant} {path} {digest}"
            for variant in [*VARIANTS, "zip"]
            for path, digest in trees[variant if variant == "zip" else f"{variant}-1"].items()
        ]
        DIGESTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return trees


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_one_core_and_two_cores_build_the_same_bytes(
    built: dict[str, dict[str, str]], variant: str
) -> None:
    assert built[f"{variant}-1"] == built[f"{variant}-2"]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_file_matches_its_checked_in_digest(
    built: dict[str, dict[str, str]], variant: str
) -> None:
    expected = read_digests()[variant]
    actual = built[f"{variant}-1"]
    assert sorted(actual.keys() - expected.keys()) == [], "files that are new"
    assert sorted(expected.keys() - actual.keys()) == [], "files that are gone"
    assert [path for path in sorted(actual) if actual[path] != expected[path]] == []


def test_every_entry_of_the_bundle_zip_matches_its_checked_in_digest(
    built: dict[str, dict[str, str]],
) -> None:
    assert built["zip"] == read_digests()["zip"]
