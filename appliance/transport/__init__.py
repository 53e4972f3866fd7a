"""appliance.transport package."""
