// Prints one closing line for the last vitest run, "tests: N passed, N failed, N skipped", so
// a CI log says at a glance how many tests ran.
import { readFileSync } from "node:fs";

const resultsPath = "node_modules/.cache/vitest-results.json";

interface VitestResults {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

const results = JSON.parse(readFileSync(resultsPath, "utf8")) as VitestResults;
const skipped = results.numPendingTests + results.numTodoTests;
console.log(
  `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped`,
);
