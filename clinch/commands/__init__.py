"""One module per ``clinch`` sub-command, each with ``register(subparsers)``.

A command's handler is stored as ``run`` on its parser defaults and returns the
exit status. Modules import their heavy dependencies inside the handler.
"""
