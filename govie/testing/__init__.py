"""Helpers for testing govie and measuring its robustness; not used by the pipeline itself."""
