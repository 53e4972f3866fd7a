"""HL7 v2 ADT intake over MLLP feeding the local patient index."""
