"""Identifier helpers not found in python-stdnum (KID, SSCC), written in stdnum's style."""

from . import kid  # noqa: F401

__all__ = ["kid"]
