"""Calls: lifecycle, pre-call prep, the in-call checklist and the after-call note."""
