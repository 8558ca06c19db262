/**
 * What the Makefile's stage targets call: `outputs --stage <s> [--field <name>]` prints a
 * deployed stage's resources (or one of them), and `local-version [--alias <a>]` prints the
 * version a local alias points at.
 */
import { parseArgs } from "node:util";
import { isChurnError } from "@churn/core";
import { processIo } from "../cli/command.ts";
import { openLocalRegistry } from "../cli/commands/model.ts";
import { readDeployedStage } from "./index.ts";

const usage = `Usage: node packages/functions/src/deploy/main.ts <command>

  outputs --stage <stage> [--field <name>]   a deployed stage's resources as JSON, or one field
  local-version [--alias staging]            the local model version an alias points at`;

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
