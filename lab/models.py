"""Lab Sistem Merit pages: the daerah binaan KASN guides through the SECI cycle; Django finds them here."""

from .pages import DaerahBinaanPage, LabActivity, LabIndexPage

__all__ = ["DaerahBinaanPage", "LabActivity", "LabIndexPage"]
