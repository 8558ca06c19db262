import { describe, expect, it } from "vitest";
import {
  basicAuthInjection,
  basicAuthorization,
  stateMachineConsoleUrl,
  stateMachineLogGroupName,
} from "./naming.ts";

describe("naming", () => {
  it("returns the console address of a state machine with its ARN encoded", () => {
    const url = stateMachineConsoleUrl(
      "eu-west-1",
      "arn:aws:states:eu-west-1:123456789012:stateMachine:churn-dev-Pipeline",
    );

    expect(url).toBe(
      "https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/statemachines/view/arn%3Aaws%3Astates%3Aeu-west-1%3A123456789012%3AstateMachine%3Achurn-dev-Pipeline",
    );
  });

  it("returns a per-stage name for the state machine's log group", () => {
    expect(stateMachineLogGroupName("churn", "dev")).toBe(
      "/aws/vendedlogs/states/churn-dev-pipeline",
    );
  });

  it("returns RFC 7617 basic credentials", () => {
    // "Aladdin:open sesame" is RFC 7617's own example, encoded there as QWxhZGRpbjpvcGVuIHNlc2FtZQ==.
    expect(basicAuthorization("Aladdin", "open sesame")).toBe("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  });
});

describe("basicAuthInjection", () => {
  const run = (authorization: string | undefined) => {
    const code = basicAuthInjection(basicAuthorization("churn", 'pa"ss'));
    const event = {
      request: {
        headers: authorization === undefined ? {} : { authorization: { value: authorization } },
      },
    };
    // CloudFront runs the snippet inside its viewer-request handler, with `event` in scope.
    return new Function("event", `${code}\nreturn undefined;`)(event) as
      | { statusCode: number }
      | undefined;
  };

  it.each([
    ["no credentials", undefined],
    ["a wrong password", basicAuthorization("churn", "nope")],
    ["a wrong user", basicAuthorization("root", 'pa"ss')],
  ])("answers 401 to a request with %s", (_, authorization) => {
    const response = run(authorization);

    expect(response?.statusCode).toBe(401);
  });

  it("lets a request with the right credentials through", () => {
    const response = run(basicAuthorization("churn", 'pa"ss'));

    expect(response).toBeUndefined();
  });
});
