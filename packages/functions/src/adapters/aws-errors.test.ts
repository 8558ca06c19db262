import { describe, expect, it } from "vitest";
import { describeAwsError, httpStatusOf, isTransientAwsError } from "./aws-errors.ts";

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status },
  });
}

describe("isTransientAwsError", () => {
  it.each([
    [awsError("ThrottlingException", 400), true],
    [awsError("ThrottlingException", 429), true],
    [awsError("SlowDown", 503), true],
    [awsError("InternalError", 500), true],
    [awsError("ModelNotReadyException", 429), true],
    [Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), true],
    [awsError("ValidationError", 400), false],
    [awsError("AccessDenied", 403), false],
    [awsError("ModelError", 424), false],
  ])("returns %s → %s", (error, expected) => {
    expect(isTransientAwsError(error)).toBe(expected);
  });
});

describe("describeAwsError", () => {
  it("returns the name, the status and the message when a response arrived", () => {
    expect(describeAwsError(awsError("SlowDown", 503))).toBe(
      "SlowDown (HTTP 503): SlowDown happened",
    );
    expect(httpStatusOf(new Error("no response"))).toBeUndefined();
  });
});
