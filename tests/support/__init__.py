"""Test helpers: generated pages and local servers (127.0.0.1 only)."""
