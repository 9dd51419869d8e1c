"""Shared fixtures: LibreOffice, the real client that recalculates our workbooks."""

from __future__ import annotations

import pytest

from tests.libreoffice import ensure_soffice


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice; installed with apt when missing and running as root."""
    return ensure_soffice()
