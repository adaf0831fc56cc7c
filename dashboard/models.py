"""The dashboard's models live one per domain noun; importing them here lets Django find them."""

from .figures import HistoricResult, JptApproval, PublishedFigure
from .pages import DashboardPage

__all__ = ["DashboardPage", "HistoricResult", "JptApproval", "PublishedFigure"]
