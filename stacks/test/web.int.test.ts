import { beforeAll, expect, it } from "vitest";
import { findBroadStatements, toPolicyDocument } from "../policies.ts";
import { describeStack, installPulumiMocks, resolveOutput } from "./pulumi-mocks.ts";

const BUCKET_ARN = "arn:aws:s3:::churn-test-data";
const DATABASE_URL = "postgres://postgres:secret@metrics.local:5432/churn?sslmode=require";

/** One statement of a function's role, as SST's `permissions` and links spell it. */
interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

type Link = typeof import("../../.sst/platform/src/components/link.ts").Link;

/**
 * Nextjs builds the site and its Lambda functions, which needs SST's CLI, so the test takes the
 * server's role from what SST builds it from: the `permissions` given, plus the permissions each
 * linked resource includes (`Link.getInclude("aws.permission", link)`, as in SST's Function).
 */
async function serverStatements(
  args: Pick<sst.aws.NextjsArgs, "permissions" | "link">,
  link: Link,
): Promise<Statement[]> {
  const given = await resolveOutput($output(args.permissions ?? []));
  const linked = await resolveOutput(link.getInclude<Statement>("aws.permission", args.link));
  return [...given, ...linked];
}

const touchesDatabaseApi = (statement: Statement) =>
  statement.actions.some(
    (action) => action.startsWith("rds-data:") || action.startsWith("secretsmanager:"),
  );

describeStack("siteArgs", () => {
  let statements: Statement[];
  let statementsWithDatabaseLink: Statement[];
  let environment: Record<string, unknown>;

  beforeAll(async () => {
    await installPulumiMocks();
    const { Link } = await import("../../.sst/platform/src/components/link.ts");
    const { createNetwork } = await import("../network.ts");
    const { createDatabase } = await import("../database.ts");
    const { siteArgs } = await import("../web.ts");
    const { vpc } = createNetwork();
    const { database } = createDatabase({ vpc, stage: "test" });

    const args = siteArgs({
      vpc,
      databaseUrl: DATABASE_URL,
      bucketName: "churn-test-data",
      bucketArn: BUCKET_ARN,
      password: $output("site password"),
    });

    statements = await serverStatements(args, Link);
    statementsWithDatabaseLink = await serverStatements({ ...args, link: [database] }, Link);
    environment = await resolveOutput($output(args.environment ?? {}));
  });

  it("grants the server no Data API and no Secrets Manager access", () => {
    expect(statements.filter(touchesDatabaseApi)).toEqual([]);
  });

  it("would catch a link to the cluster, which grants both", () => {
    expect(statementsWithDatabaseLink.filter(touchesDatabaseApi).length).toBeGreaterThan(0);
  });

  it("lets the server only list the bucket and read its objects, naming each resource", () => {
    const document = toPolicyDocument(statements);

    expect(findBroadStatements(document)).toEqual([]);
    expect(new Set(statements.flatMap((s) => s.actions))).toEqual(
      new Set(["s3:ListBucket", "s3:GetObject"]),
    );
    expect(statements.flatMap((s) => s.resources).every((r) => r.startsWith(BUCKET_ARN))).toBe(
      true,
    );
  });

  it("hands the server the connection string it opens the database with", () => {
    expect(environment.DATABASE_URL).toBe(DATABASE_URL);
    expect(environment.CHURN_BUCKET).toBe("churn-test-data");
  });
});
