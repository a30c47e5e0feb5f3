"""Redis: the connection (REDIS_URL or embedded), sessions, webhook dedup, effect writes."""
