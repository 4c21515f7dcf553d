"""The package version, in one place (pyproject.toml and the trained pipeline's meta read it here)."""

__version__ = "0.1.0"
