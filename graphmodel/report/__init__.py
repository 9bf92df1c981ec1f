"""The collaboration report: every metric for a window and a scope, as plain data."""

from .build import KEYS, ReportOptions, Table, build_report, report, report_tables

__all__ = ["KEYS", "ReportOptions", "Table", "build_report", "report", "report_tables"]
