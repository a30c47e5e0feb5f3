"""The LINE edge: inbound webhook events → UserInput, the event worker, the one LINE gateway."""
