"""EDIFACT (NeB subset of UN/EDIFACT D.03A) and EHF (PEPPOL BIS Billing 3.0) in and out.

The only package that imports pydifact and lxml.
"""
