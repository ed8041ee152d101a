"""The frozen app's entry point: exactly the `companion` command (`companion.cli.main`).

PyInstaller needs a script, not a console-script entry point; this is that script. It lives
outside the package so the bundle's `__main__` is never a module of `companion` itself.
"""

from companion.cli import main

raise SystemExit(main())
