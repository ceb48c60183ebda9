"""Identifier helpers not found in python-stdnum (KID, SSCC), written in stdnum's style."""
