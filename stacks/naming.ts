/**
 * Names and addresses the stacks derive from the app, the stage and the region. Pure, so that
 * they are tested without Pulumi.
 */

/** The user name the site's HTTP basic authentication expects; the password is a secret. */
export const SITE_USERNAME = "churn";

/** The environment variables through which the site receives its credentials. */
export const SITE_AUTH_ENV = {
  username: "CHURN_SITE_USERNAME",
  password: "CHURN_SITE_PASSWORD",
} as const;

/**
 * Vended-logs group of the state machine. Step Functions requires the `/aws/vendedlogs/` prefix
 * for log groups whose resource policy it manages on its own.
 */
export function stateMachineLogGroupName(app: string, stage: string): string {
  return `/aws/vendedlogs/states/${app}-${stage}-pipeline`;
}

/** Where the Step Functions console shows one state machine's executions. */
export function stateMachineConsoleUrl(region: string, stateMachineArn: string): string {
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/statemachines/view/${encodeURIComponent(stateMachineArn)}`;
}

/**
 * The value of an `Authorization` header carrying HTTP basic credentials, as the site's edge
 * function compares it.
 */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}

/**
 * A CloudFront viewer-request snippet that answers 401 unless the request carries the expected
 * basic credentials; the site checks them again on the server, where the function URL is reachable.
 */
export function basicAuthInjection(expectedAuthorization: string): string {
  const expected = JSON.stringify(expectedAuthorization);
  return [
    `var auth = event.request.headers.authorization;`,
    `if (!auth || auth.value !== ${expected}) {`,
    `  return { statusCode: 401, statusDescription: "Unauthorized",`,
    `    headers: { "www-authenticate": { value: 'Basic realm="churn", charset="UTF-8"' } } };`,
    `}`,
  ].join("\n");
}
