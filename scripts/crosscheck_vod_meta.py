#!/usr/bin/env python3
"""Cross-checks spec/actions/*.yaml against the machine-readable request metadata.

Usage: crosscheck_vod_meta.py SPEC_DIR VOD_META_DIR

For every action in the spec that the metadata knows: the HTTP methods agree, every metadata
parameter is in the spec (and the other way round, except parameters the spec marks as coming
from the page or its examples), `required` agrees, and the types and styles are compatible
(RepeatList -> list with style repeatList, Json -> style json). Exits 1 listing every mismatch.
The metadata lives outside the repository, so this runs from .ci/run only.
"""
import json
import pathlib
import sys

import yaml

SCALARS = {
    "String": {"string", "enum", "timestamp"},
    "Long": {"long"},
    "Integer": {"integer"},
    "Boolean": {"boolean"},
}


def type_problem(param, meta):
    kind, style = param.get("type"), param.get("style", "simple")
    if meta["type"] == "RepeatList":
        return None if kind == "list" and style == "repeatList" else "expected a repeatList list"
    if meta["type"] == "Json":
        return None if style == "json" else "expected style json"
    if meta["type"] == "String" and kind == "list" and style == "simple":
        return None  # a comma-separated String, typed as a list in the spec
    allowed = SCALARS.get(meta["type"])
    if allowed is None:
        return f"metadata type {meta['type']} is not known to this check"
    return None if kind in allowed else f"metadata says {meta['type']}, spec says {kind}"


def check(spec_file, meta_dir):
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
    action = spec["action"]
    meta_file = meta_dir / f"{action}.json"
    if not meta_file.exists():
        return [f"{spec_file}: action {action} is not in the metadata"]
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    problems = []
    methods = sorted(meta["method"].split("|"))
    if sorted(spec.get("methods", [])) != methods:
        problems.append(f"methods {spec.get('methods')} != metadata {methods}")
    params = {p["name"]: p for p in (spec.get("request") or {}).get("parameters") or []}
    for m in meta["parameters"]:
        p = params.get(m["name"])
        if p is None:
            problems.append(f"parameter {m['name']} is in the metadata but not in the spec")
            continue
        if bool(p.get("required", False)) != bool(m["required"]):
            problems.append(f"parameter {m['name']}: required differs from the metadata")
        problem = type_problem(p, m)
        if problem:
            problems.append(f"parameter {m['name']}: {problem}")
    meta_names = {m["name"] for m in meta["parameters"]}
    for name, p in params.items():
        if name not in meta_names and p.get("source") != "example":
            problems.append(f"parameter {name} is in the spec but not in the metadata")
    return [f"{spec_file}: {action}: {p}" for p in problems]


def main():
    spec_dir, meta_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    files = sorted((spec_dir / "actions").glob("*.yaml"))
    problems = [p for f in files for p in check(f, meta_dir)]
    for p in problems:
        print(p)
    print(f"crosscheck: {len(files)} actions, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
