"""Item pipelines: they only transform, check, de-duplicate and write records."""
