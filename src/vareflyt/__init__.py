"""vareflyt: purchasing, EDI, supplier-invoice control and dunning for a Norwegian
building-materials shop, driven from Excel and a nightly batch."""

__version__ = "0.1.0"
