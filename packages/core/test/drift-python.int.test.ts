import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DRIFT_TEST_NAMES, DRIFT_TESTS } from "../src/drift/index.ts";
import { summariseColumn } from "../src/drift/sample.ts";
import type { ColumnKind } from "../src/schema/index.ts";
import { relativeError, seededUniform } from "./drift-fixtures.ts";

// Fresh samples, scored here and by scipy (scripts/reference/drift_check.py) in the same run, so
// the comparison does not rest on stored golden values alone.
const python = process.env.REFERENCE_PYTHON ?? "/usr/bin/python3";
const repositoryRoot = new URL("../../../", import.meta.url);
const hasPython = existsSync(python);

interface Case {
  reference: number[];
  current: number[];
  kind: ColumnKind;
  test: (typeof DRIFT_TEST_NAMES)[number];
}

function buildCases(): Case[] {
  const random = seededUniform(424242);
  const draw = (size: number, scale: number, shift: number, levels: number) =>
    Array.from({ length: size }, () => Math.floor((random() * scale + shift) * levels) / levels);
  const cases: Case[] = [];
  for (const [nRef, nCur, levels] of [
    [150, 400, 100],
    [900, 2500, 10],
    [4000, 6000, 1000],
    [1200, 15000, 50],
  ] as const) {
    const reference = draw(nRef, 1, 0, levels);
    const current = draw(nCur, 1.05, 0.02, levels);
    for (const test of DRIFT_TEST_NAMES) {
      cases.push({ reference, current, kind: "numerical", test });
    }
    const categoricalReference = reference.map((value) => Math.floor(value * 4));
    const categoricalCurrent = current.map((value) => Math.floor(value * 4));
    for (const test of ["chisquare", "z", "jensenshannon", "psi", "hellinger"] as const) {
      cases.push({
        reference: categoricalReference,
        current: categoricalCurrent,
        kind: "categorical",
        test,
      });
    }
  }
  return cases;
}

describe.skipIf(!hasPython)("drift tests against scipy run now", () => {
  it("returns scipy's score within 1e-9 relative for every test on fresh samples", () => {
    const cases = buildCases();

    const output = execFileSync(python, ["scripts/reference/drift_check.py"], {
      cwd: repositoryRoot,
      input: JSON.stringify({ cases }),
      encoding: "utf8",
      maxBuffer: 1 << 26,
    });
    const expected = (JSON.parse(output) as { scores: number[] }).scores;

    cases.forEach((testCase, index) => {
      const reference = summariseColumn(testCase.reference).sample;
      const current = summariseColumn(testCase.current).sample;
      const score = DRIFT_TESTS[testCase.test].run(reference, current, testCase.kind).score;
      const context = `${testCase.test} ${testCase.kind} ${reference.count}/${current.count}`;
      expect(relativeError(score, expected[index] as number), context).toBeLessThanOrEqual(1e-9);
    });
  });
});
