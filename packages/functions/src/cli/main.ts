#!/usr/bin/env node
import { isChurnError } from "@churn/core";
import { type Command, type CommandIo, processIo } from "./command.ts";
import { commands } from "./commands/index.ts";

/** Runs `churn <command> [args]` and resolves to the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.stdout(helpText(commands));
    return name === undefined ? 2 : 0;
  }

  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    io.stderr(`churn: unknown command "${name}". Run "churn help" for the list.`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(command.usage);
    return 0;
  }

  try {
    return await command.run(args, io);
  } catch (error) {
    io.stderr(`churn ${name}: ${describeError(error)}`);
    return 1;
  }
}

function helpText(list: readonly Command[]): string {
  const width = Math.max(...list.map((command) => command.name.length), 4);
  const lines = list.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return ["Usage: churn <command> [options]", "", "Commands:", ...lines].join("\n");
}

function describeError(error: unknown): string {
  if (isChurnError(error)) return `${error.message} [${error.code}]`;
  if (error instanceof Error) return error.message;
  return String(error);
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2), processIo);
}
