import type { TaskStep } from "@churn/core/pipeline";
import { describe, expect, it } from "vitest";
import { type PipelineSettings, taskEnvironment } from "./pipeline.ts";
import { TASK_FUNCTIONS } from "./tasks.ts";

const SETTINGS: PipelineSettings = {
  bucketName: "churn-test-data",
  databaseUrl: "postgres://postgres:secret@metrics.local:5432/churn?sslmode=require",
  endpointName: "churn-test-scoring",
  siteUrl: "https://d111111abcdef8.cloudfront.net",
  modelAlias: "staging",
};

const steps = Object.entries(TASK_FUNCTIONS) as [TaskStep, (typeof TASK_FUNCTIONS)[TaskStep]][];

describe("taskEnvironment", () => {
  it.each(steps.map(([step, spec]) => [step, spec.touchesDatabase, spec] as const))(
    "gives %s DATABASE_URL only when it opens the database (%s)",
    (_, touchesDatabase, spec) => {
      const environment = taskEnvironment(spec, SETTINGS);

      expect("DATABASE_URL" in environment).toBe(touchesDatabase);
    },
  );

  it("keeps the password from validation, scoring and building the report", () => {
    const withPassword = steps
      .filter(([, spec]) => "DATABASE_URL" in taskEnvironment(spec, SETTINGS))
      .map(([step]) => step);

    expect(withPassword).toEqual(["claimFile", "saveReport", "finishRun", "failRun"]);
  });

  it("gives every step the bucket, the endpoint, the site and the alias", () => {
    const environment = taskEnvironment({ touchesDatabase: false }, SETTINGS);

    expect(environment).toEqual({
      CHURN_BUCKET: "churn-test-data",
      SAGEMAKER_ENDPOINT_NAME: "churn-test-scoring",
      SITE_URL: "https://d111111abcdef8.cloudfront.net",
      MODEL_ALIAS: "staging",
    });
  });
});
