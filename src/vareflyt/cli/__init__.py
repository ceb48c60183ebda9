"""Command line front end (Typer): one module per command group, each exposing ``app``
(a Typer group) or ``register(root)``. Commands only gather inputs and show results; the
work is done by ``vareflyt.jobs``."""
