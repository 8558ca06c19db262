/**
 * What the Makefile's stage targets call: `outputs --stage <s> [--field <name>]` prints a
 * deployed stage's resources (or one of them), `local-version [--alias <a>]` prints the version
 * a local alias points at, and `remove-serving --stage <s>` deletes the stage's SageMaker
 * endpoint, configurations and models before `sst remove`.
 */
import { parseArgs } from "node:util";
import { isChurnError } from "@churn/core";
import { createConsoleLogger } from "../adapters/loggers.ts";
import { processIo } from "../cli/command.ts";
import { openLocalRegistry } from "../cli/commands/model.ts";
import { readDeployedStage, removeServingOfStage } from "./index.ts";

const usage = `Usage: node packages/functions/src/deploy/main.ts <command>

  outputs --stage <stage> [--field <name>]   a deployed stage's resources as JSON, or one field
  local-version [--alias staging]            the local model version an alias points at
  remove-serving --stage <stage>             delete the stage's endpoint, configurations, models`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      stage: { type: "string" },
      field: { type: "string" },
      alias: { type: "string", default: "staging" },
    },
  });

  if (command === "outputs" && values.stage !== undefined) {
    const deployment: Record<string, unknown> = await readDeployedStage(values.stage);
    const output = values.field === undefined ? deployment : deployment[values.field];
    if (output === undefined) {
      processIo.stderr(
        `No field "${values.field}"; choose one of ${Object.keys(deployment).join(", ")}.`,
      );
      return 2;
    }
    processIo.stdout(typeof output === "string" ? output : JSON.stringify(output, null, 2));
    return 0;
  }
  if (command === "remove-serving" && values.stage !== undefined) {
    const logger = createConsoleLogger({ format: "pretty", write: processIo.stderr });
    const result = await removeServingOfStage({ stage: values.stage, logger });
    const endpoint = result.isEndpointDeleted ? `endpoint ${result.endpointName}` : "no endpoint";
    processIo.stdout(
      `Stage ${values.stage}: deleted ${endpoint}, ${result.endpointConfigNames.length} endpoint configurations and ${result.modelNames.length} models.`,
    );
    return 0;
  }
  if (command === "local-version") {
    const metadata = await openLocalRegistry(processIo).resolve(values.alias);
    processIo.stdout(metadata.version);
    return 0;
  }
  processIo.stderr(usage);
  return 2;
}

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
    processIo.stderr(isChurnError(error) ? `${error.message} [${error.code}]` : String(error));
    return 1;
  });
}
