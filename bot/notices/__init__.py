"""Admin notices: model, audiences, messages, batched exactly-once sending, RQ jobs, reminders and the audit log."""
