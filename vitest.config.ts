import { defineConfig } from "vitest/config";

const sources = ["packages", "training", "data", "stacks"];

export default defineConfig({
  test: {
    // The JSON results feed the one-line summary that .ci/run prints last.
    reporters: ["default", ["json", { outputFile: "node_modules/.cache/vitest-results.json" }]],
    projects: [
      {
        test: {
          name: "unit",
          include: sources.flatMap((dir) => [`${dir}/**/src/**/*.test.ts`, `${dir}/*.test.ts`]),
          exclude: ["**/node_modules/**", "**/*.int.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: sources.map((dir) => `${dir}/**/test/**/*.int.test.ts`),
          exclude: ["**/node_modules/**"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
