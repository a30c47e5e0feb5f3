"""Publishing content: published versions under instance/, the pointer every worker follows, per-file isolation, log."""
