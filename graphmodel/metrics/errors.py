"""Errors of the analysis: a bad window or scope, or a graph a metric cannot use."""

from __future__ import annotations

from ..errors import CobuildError


class AnalysisError(CobuildError):
    """Base of the analysis' errors."""

    code = "analysis_error"


class BadWindow(AnalysisError):
    """A time window that cannot be read or makes no sense (e.g. 0 months)."""

    code = "bad_window"


class BadScope(AnalysisError):
    """A scope that names an unknown street, zone or unit kind."""

    code = "bad_scope"


class MetricPrecondition(AnalysisError):
    """A metric was given a graph or a value it is not defined for."""

    code = "metric_precondition"
