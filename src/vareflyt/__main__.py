"""``python -m vareflyt``: the same command as ``vareflyt`` (handy for ``-X importtime``)."""

from vareflyt.cli.app import main

if __name__ == "__main__":
    main()
