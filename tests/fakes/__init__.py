"""Real partners for tests, on 127.0.0.1: an SMPP server, an SMS provider's HTTP API."""
