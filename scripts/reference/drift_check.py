"""Scores drift cases read as JSON from stdin with scipy, for the integration test.

Input: {"cases": [{"reference": [...], "current": [...], "kind": "numerical", "test": "ks"}]}.
Output: {"scores": [...], "versions": {...}}, each score computed as drift_golden.py does.
Run with /usr/bin/python3 from the repository root.
"""

import json
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import drift_golden  # noqa: E402


def main():
    cases = json.load(sys.stdin)["cases"]
    scores = []
    for case in cases:
        reference = drift_golden.clean(case["reference"])
        current = drift_golden.clean(case["current"])
        function = drift_golden.TESTS[case["test"]][0]
        score, _ = function(reference, current, case["kind"])
        scores.append(float(score))
    print(json.dumps({"scores": scores, "versions": drift_golden.VERSIONS}))


if __name__ == "__main__":
    main()
