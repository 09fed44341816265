"""The HTTP API: predictions now, tickets later."""
