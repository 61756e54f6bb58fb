"""Fixtures shared by every layer of tests: the sample rules and a valid guide to break."""

from __future__ import annotations

from pathlib import Path

import pytest

from meshkit.content.model import ContentRules
from meshkit.evidence.presets import MESH

ROOT = Path(__file__).resolve().parent.parent

SUBJECTS = {"inclusion": "Inclusion and SEND", "research-use": "Using research in school"}
PHASES = {"primary": "Primary", "secondary": "Secondary"}

VALID_FRONT_MATTER = """\
title: Inclusive professional learning
summary: Make every training session inclusive.
evidence:
  strength: 3
  transferability: 2
  rationale: The strand page calls the evidence mixed.
subjects: [inclusion]
phases: [primary, secondary]
authors:
  - name: A. Author
    affiliation: A subject association
reviewers: [Editorial board]
published: 2026-03-01
updated: 2026-09-14
review_due: 2027-09-14
"""


def guide_source(front_matter: str = VALID_FRONT_MATTER, body: str = "## Body\n\nText.\n") -> str:
    """A guide file's text from its front matter and body."""
    return f"---\n{front_matter}---\n{body}"


@pytest.fixture
def rules() -> ContentRules:
    """The rules of a small site rated with the default framework."""
    return ContentRules(framework=MESH, subjects=SUBJECTS, phases=PHASES)
