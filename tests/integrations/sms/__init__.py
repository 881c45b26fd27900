"""SMS channel tests: texts, SMPP and HTTP adapters, and a feedback receipt by SMS."""
