"""Turning graphs and metrics into views: chart data, network display lists, legends."""
