"""Dunning by Norwegian law, pure: rate lookups, forsinkelsesrente, reminder fees and
standardkompensasjon, the policy check, the next level per invoice, credit notes set against
invoices, payments allocated to costs, interest and principal, notices per customer,
business days, aged receivables and DSO. No files, databases or clocks: the date is a parameter."""

from .aging import BUCKETS, AgingRow, aged_receivables, bucket_of, credit_use, dso, sales_in_period
from .allocation import COSTS_FIRST, PRINCIPAL_FIRST, Settlement, allocate, settle
from .calendar import deadline_from, effective_due_date, is_business_day, next_business_day
from .credits import apply_credits, customer_balances
from .fees import compensation, payment_demand_fee, reminder_fee
from .interest import InterestResult, late_interest
from .levels import Decision, Skip, next_level
from .notices import OpenAfterPayment, Plan, plan_notices
from .policy import DEFAULT_POLICY, LevelRule, Policy, Violation, check_policy
from .rates import FeeRule, HalfYear, Inkassosats, MissingRate, RateTable

__all__ = [
    "BUCKETS",
    "AgingRow",
    "aged_receivables",
    "bucket_of",
    "credit_use",
    "dso",
    "sales_in_period",
    "deadline_from",
    "effective_due_date",
    "is_business_day",
    "next_business_day",
    "compensation",
    "reminder_fee",
    "payment_demand_fee",
    "COSTS_FIRST",
    "PRINCIPAL_FIRST",
    "Settlement",
    "allocate",
    "settle",
    "apply_credits",
    "customer_balances",
    "OpenAfterPayment",
    "InterestResult",
    "late_interest",
    "Decision",
    "Skip",
    "next_level",
    "Plan",
    "plan_notices",
    "DEFAULT_POLICY",
    "LevelRule",
    "Policy",
    "Violation",
    "check_policy",
    "FeeRule",
    "HalfYear",
    "Inkassosats",
    "MissingRate",
    "RateTable",
]
