"""Load a dataset with Hugging Face ``datasets`` and keep the dates as written.

``load_dataset("json", ...)`` reads through pyarrow's JSON reader, which turns
ISO 8601 strings into naive timestamps: ``2024-01-30T10:00:00+01:00`` becomes
``2024-01-30 09:00:00`` (the offset is gone) and a day-only ``2024-02-02``
becomes midnight. Passing ``features=`` does not help: the strings are
converted before the features are applied (datasets 5.2). ``load_hf`` builds
the table from the parsed JSON with features read from our JSON Schema, every
date a string, so the values are exactly what the file holds.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from scraper.dataset.check import kind_of
from scraper.dataset.files import DatasetError, load, read_lines, resolve
from scraper.schema import json_schema, listing_json_schema


def _spec(spec: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in spec:
        return {**defs[spec["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in spec.items() if k != "$ref"}}
    return spec


def feature(spec: dict[str, Any], defs: dict[str, Any]) -> Any:
    """The ``datasets`` feature of one JSON Schema node: strings (dates too), int64, lists, structs."""
    from datasets import List, Value

    spec = _spec(spec, defs)
    kinds = spec.get("type", "string")
    kinds = [k for k in ([kinds] if isinstance(kinds, str) else kinds) if k != "null"]
    if "array" in kinds:
        return List(feature(spec["items"], defs))
    if "object" in kinds and "properties" in spec:
        return {name: feature(sub, defs) for name, sub in spec["properties"].items()}
    if "object" in kinds:  # ``sources``: one string per field name the schema allows
        return {name: Value("string") for name in spec["propertyNames"]["enum"]}
    return Value("int64" if "integer" in kinds else "string")


def features_for(columns: list[str], kind: str = "article") -> Any:
    """Features of the given columns of an article (or listing) record, in that order."""
    from datasets import Features

    schema = listing_json_schema() if kind == "listing" else json_schema()
    properties, defs = schema["properties"], schema.get("$defs", {})
    unknown = [name for name in columns if name not in properties]
    if unknown:
        raise DatasetError(f"load_hf: {', '.join(unknown)} is not a field of the {kind} schema")
    return Features({name: feature(properties[name], defs) for name in columns})


def _columns(path: Path) -> list[str]:
    """The keys of the file's records, in order of first appearance (one pass, nothing kept)."""
    seen: dict[str, None] = {}
    for line in read_lines(path):
        if line.record is None:
            raise DatasetError(f"{path}:{line.number}: {line.error}")
        seen.update(dict.fromkeys(line.record))
    return list(seen)


def _records(path: str, stamp: tuple[int, int]) -> Any:
    del stamp  # part of the cache key only: a changed file is read again
    yield from load(path)


def load_hf(path: str | Path, *, cache_dir: str | None = None) -> Any:
    """The records of a dataset file or folder as a ``datasets.Dataset``, dates as written.

    ``published``, ``modified``, ``fetched_at`` and the dates inside ``linked_items`` are strings:
    ``2024-01-30T10:00:00+01:00`` keeps its offset and ``2024-02-02`` stays a day. Parse them
    when you need instants, e.g. ``pd.to_datetime(ds["published"], utc=True, format="ISO8601")``.
    """
    try:
        from datasets import Dataset
    except ImportError:
        raise DatasetError("load_hf needs Hugging Face datasets: pip install datasets "
                           "(or pip install -e '.[hf]' in a checkout)") from None
    source = resolve(path)
    columns = _columns(source)
    if not columns:
        raise DatasetError(f"{source}: the file is empty (no records)")
    info = source.stat()
    return Dataset.from_generator(_records, features=features_for(columns, kind_of(source)), cache_dir=cache_dir,
                                  gen_kwargs={"path": str(source), "stamp": (info.st_size, info.st_mtime_ns)})
