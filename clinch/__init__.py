"""Clinch: follow up after the interview, on time, by name, and never twice."""

__version__ = "0.1.0"
