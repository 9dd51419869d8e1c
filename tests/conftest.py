"""Shared fixtures: LibreOffice, the real client that recalculates our workbooks."""

from __future__ import annotations

import pytest

from tests.libreoffice import ensure_soffice


@pytest.fixture(scope="session")
def soffice() -> str:
    """Path of LibreOffice's soffice; installed with apt when missing and running as root."""
    return ensure_soffice()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that uses LibreOffice carries the ``libreoffice`` marker (``-m "not libreoffice"``)."""
    for item in items:
        if "soffice" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.libreoffice)
