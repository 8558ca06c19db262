/**
 * Runs stack code against Pulumi's mocks: no engine, no AWS. It loads `@pulumi/pulumi` and
 * `@pulumi/aws` from SST's installed platform (.sst/platform, made by scripts/sst-offline.sh), so
 * the components and the mocks share one module instance, and sets the globals SST's CLI would.
 * Components that build a Lambda call back into the SST CLI and cannot run here.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const platformDir = join(repositoryRoot, ".sst", "platform");

/** False until `scripts/sst-offline.sh install` (or `make infra-check`) has run. */
export const isPlatformInstalled = existsSync(join(platformDir, "config.d.ts"));

/** What a stack test does: run, fail because the platform is missing, or skip. */
export type PlatformCheck = "run" | "fail" | "skip";

/**
 * Stack tests run against the installed platform. Without it, they fail under CI (`CI` set to
 * anything but `false` or `0`, as every CI service does), where a skipped infrastructure check
 * would let a broken stack pass unseen, and are skipped on a developer's machine.
 */
export function platformCheck(
  isInstalled: boolean,
  env: Readonly<Record<string, string | undefined>>,
): PlatformCheck {
  if (isInstalled) return "run";
  const ci = env.CI?.trim().toLowerCase();
  const isCi = ci !== undefined && ci !== "" && ci !== "false" && ci !== "0";
  return isCi ? "fail" : "skip";
}

export const MISSING_PLATFORM_MESSAGE =
  "SST's platform is not installed in .sst/platform, so the stacks cannot be checked; " +
  "run `bash scripts/sst-offline.sh install` (or `make sst-platform`) first.";

/**
 * `describe` for tests that build stacks against Pulumi's mocks: runs `body` when the platform
 * is installed, and otherwise fails or skips as `platformCheck` decides, saying how to install it.
 */
export function describeStack(name: string, body: () => void): void {
  const check = platformCheck(isPlatformInstalled, process.env);
  if (check === "run") {
    describe(name, body);
  } else if (check === "fail") {
    describe(name, () => {
      it("needs SST's platform", () => {
        throw new Error(MISSING_PLATFORM_MESSAGE);
      });
    });
  } else {
    describe.skip(`${name} (skipped: ${MISSING_PLATFORM_MESSAGE})`, body);
  }
}

export const MOCK_REGION = "eu-west-1";
export const MOCK_ACCOUNT = "123456789012";

/** One resource the code under test asked Pulumi to create, with its inputs as given. */
export interface MockResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

const created: MockResource[] = [];

/** Installs the mocks and the globals once per test file, then returns the recorder. */
export async function installPulumiMocks(stage = "test") {
  const platformRequire = createRequire(join(platformDir, "package.json"));
  const pulumi = platformRequire(
    "@pulumi/pulumi",
  ) as typeof import("../../.sst/platform/node_modules/@pulumi/pulumi");

  pulumi.runtime.setMocks(
    {
      newResource(args) {
        created.push({ type: args.type, name: args.name, inputs: args.inputs });
        const resource = { type: args.type, name: args.name, inputs: args.inputs };
        return {
          id: `${args.name}-id`,
          state: {
            ...args.inputs,
            name: physicalNameOf(resource),
            arn: arnOf(resource),
            ...outputsOf(resource),
          },
        };
      },
      call(args) {
        if (args.token === "aws:index/getRegion:getRegion") {
          return { id: MOCK_REGION, name: MOCK_REGION, region: MOCK_REGION };
        }
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity") {
          return {
            id: MOCK_ACCOUNT,
            accountId: MOCK_ACCOUNT,
            arn: "arn:aws:iam::123456789012:user/ci",
            userId: "ci",
          };
        }
        if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones") {
          const names = ["a", "b", "c"].map((zone) => `${MOCK_REGION}${zone}`);
          return { id: MOCK_REGION, names, zoneIds: names };
        }
        if (args.token === "aws:index/getPartition:getPartition") {
          return { id: "aws", partition: "aws", dnsSuffix: "amazonaws.com" };
        }
        if (args.token === "aws:iam/getPolicyDocument:getPolicyDocument") {
          // The document keeps the inputs' shape, which is what the tests compare against.
          return { id: "policy", json: JSON.stringify(args.inputs) };
        }
        return args.inputs;
      },
    },
    "churn",
    stage,
    false,
  );

  Object.assign(globalThis, {
    $app: { name: "churn", stage, removal: "remove", providers: {}, protect: false },
    $dev: false,
    $cli: { paths: { root: repositoryRoot, platform: platformDir }, state: { version: {} } },
    $util: pulumi,
    $output: pulumi.output,
    $resolve: pulumi.all,
    $interpolate: pulumi.interpolate,
    $concat: pulumi.concat,
    $jsonStringify: pulumi.jsonStringify,
    $jsonParse: pulumi.jsonParse,
    aws: platformRequire("@pulumi/aws"),
  });
  const components = await import("../../.sst/platform/src/components/index.ts");
  Object.assign(globalThis, { sst: components });

  return { pulumi, created };
}

/** Attributes AWS computes that the components read back. */
function outputsOf(resource: MockResource): Record<string, unknown> {
  if (resource.type === "aws:rds/cluster:Cluster") {
    return {
      endpoint: `${resource.name}.cluster-mock.${MOCK_REGION}.rds.amazonaws.com`,
      readerEndpoint: `${resource.name}.cluster-ro-mock.${MOCK_REGION}.rds.amazonaws.com`,
      port: 5432,
    };
  }
  if (resource.type === "aws:rds/clusterInstance:ClusterInstance") return { port: 5432 };
  if (resource.type === "random:index/randomPassword:RandomPassword") {
    return { result: "mock password/with:symbols" };
  }
  return {};
}

function physicalNameOf(resource: MockResource): string {
  const given = resource.inputs.name;
  return typeof given === "string" ? given : `${resource.name}-physical`;
}

/** The ARN the mocks gave a resource, so tests can check what refers to it. */
export function arnOf(resource: MockResource): string {
  const service = resource.type.split(":")[1]?.split("/")[0] ?? "unknown";
  return `arn:aws:${service}:${MOCK_REGION}:${MOCK_ACCOUNT}:${physicalNameOf(resource)}`;
}

/** Resolves a Pulumi output in a test. */
export function resolveOutput<T>(output: { apply<U>(fn: (value: T) => U): unknown }): Promise<T> {
  return new Promise((resolve) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
  });
}

/**
 * Waits until a resource of `type` (and, when given, logical `name`) has been registered; some
 * are created inside `apply` callbacks, after the code under test has returned.
 */
export async function createdResource(type: string, name?: string): Promise<MockResource> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const found = created.find((r) => r.type === type && (name === undefined || r.name === name));
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seen = created.map((r) => `${r.type} ${r.name}`).join(", ");
  throw new Error(
    `No ${type}${name === undefined ? "" : ` named ${name}`} was created; saw ${seen}`,
  );
}

/** Every resource of `type` registered so far. */
export function createdResources(type: string): MockResource[] {
  return created.filter((r) => r.type === type);
}

/** Pulumi's marker key for a secret value in serialized inputs. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** The plain value of an input the provider marks secret (SSM parameter values, for one). */
export function unwrapSecret(value: unknown): unknown {
  if (typeof value === "object" && value !== null && SECRET_SIGNATURE in value) {
    return (value as { value?: unknown }).value;
  }
  return value;
}
