"""appliance.reconcile package."""
