"""The follow-up engine: pure Python, no Django, no database, time passed in.

Everything here takes plain dataclasses (see ``clinch.core.model``) and returns
plain dataclasses, so the CLI, the web app, the API and the worker share one brain.
"""
