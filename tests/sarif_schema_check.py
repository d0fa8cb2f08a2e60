#!/usr/bin/python3
"""Validate a SARIF log against the official SARIF 2.1.0 JSON schema.

    sarif_schema_check.py REPORT.sarif [SCHEMA.json]

SCHEMA defaults to tests/data/sarif-schema-2.1.0.json beside this script (a
copy of the OASIS schema).  Besides the schema, it checks what the schema
cannot: every result's ruleIndex points at the rule named by its ruleId, and
every notification's associatedRule.index likewise.

Prints the errors, then "1 passed, 0 failed" or "0 passed, 1 failed"; exits 1
on failure.  Needs python3-jsonschema (Debian: apt-get install -y
python3-jsonschema); without it, says so and exits 77, which ctest reports as
skipped (tests/formats.cmake sets SKIP_RETURN_CODE 77).
"""
import json
import os
import sys

SKIP = 77


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    report = argv[1]
    here = os.path.dirname(os.path.abspath(__file__))
    schema_path = argv[2] if len(argv) == 3 else os.path.join(here, "data", "sarif-schema-2.1.0.json")
    try:
        import jsonschema
    except ImportError:
        print("SKIP: python3-jsonschema is not installed "
              "(apt-get install -y python3-jsonschema); %s not validated" % report)
        return SKIP

    errors = []
    try:
        with open(schema_path, encoding="utf-8") as f:
            schema = json.load(f)
    except (OSError, ValueError) as e:
        print("cannot read the schema %s: %s" % (schema_path, e))
        print("0 passed, 1 failed")
        return 1
    try:
        with open(report, "rb") as f:
            raw = f.read()
        log = json.loads(raw.decode("utf-8"))    # a SARIF file is UTF-8 JSON
    except (OSError, ValueError) as e:
        errors.append("%s: not a readable UTF-8 JSON document: %s" % (report, e))
        log = None

    if log is not None:
        cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft4Validator)
        cls.check_schema(schema)
        validator = cls(schema, format_checker=jsonschema.FormatChecker())
        for err in sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in err.absolute_path) or "(root)"
            errors.append("%s: %s: %s" % (report, where, err.message))
        if not errors:
            errors.extend(semantic_errors(report, log))

    for e in errors:
        print(e)
    if errors:
        print("0 passed, 1 failed")
        return 1
    print("1 passed, 0 failed")
    return 0


def semantic_errors(report, log):
    """What the schema cannot say: indexes into tool.driver.rules agree with ids."""
    out = []
    for r, run in enumerate(log.get("runs") or []):
        rules = run["tool"]["driver"].get("rules", [])
        ids = [rule.get("id") for rule in rules]

        def check(where, rid, idx):
            if idx is None or idx == -1:
                return
            if not 0 <= idx < len(ids):
                out.append("%s: %s: index %d outside tool.driver.rules (%d rules)"
                           % (report, where, idx, len(ids)))
            elif rid is not None and ids[idx] != rid:
                out.append("%s: %s: index %d is rule %r, not %r" % (report, where, idx, ids[idx], rid))

        for i, res in enumerate(run.get("results") or []):
            check("runs/%d/results/%d" % (r, i), res.get("ruleId"), res.get("ruleIndex"))
        for k, inv in enumerate(run.get("invocations") or []):
            for i, n in enumerate(inv.get("toolExecutionNotifications") or []):
                a = n.get("associatedRule")
                if a:
                    check("runs/%d/invocations/%d/toolExecutionNotifications/%d" % (r, k, i),
                          a.get("id"), a.get("index"))
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv))
