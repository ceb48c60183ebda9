"""Build hook for what pyproject.toml cannot say: the repository's top-level ``templates/``,
``workbooks/`` and ``addin/`` ship inside the package as ``vareflyt.templates``,
``vareflyt.workbooks`` and ``vareflyt.addin.source`` (``vareflyt.bundled`` finds them either way).
Everything else about the build is in pyproject.toml."""

from setuptools import find_packages, setup

MAPPED = {"vareflyt.templates": "templates", "vareflyt.workbooks": "workbooks", "vareflyt.addin.source": "addin"}

setup(
    packages=find_packages("src") + list(MAPPED),
    package_dir={"": "src", **MAPPED},
    package_data={name: ["**/*"] for name in MAPPED},
    exclude_package_data={"vareflyt.addin.source": ["*.xlam", ".gitignore"]},
)
