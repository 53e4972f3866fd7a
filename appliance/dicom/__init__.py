"""appliance.dicom package."""
