"""Routing: which study goes to which site, and when a study is complete enough to send."""
