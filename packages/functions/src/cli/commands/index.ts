import type { Command } from "../command.ts";
import { driftCommand } from "./drift.ts";
import { modelCommand } from "./model.ts";
import { predictCommand } from "./predict.ts";
import { processCommand } from "./process.ts";
import { simulateCommand } from "./simulate.ts";
import { trainCommand } from "./train.ts";
import { upCommand } from "./up.ts";
import { validateCommand } from "./validate.ts";

/** Every `churn` subcommand, in the order `churn help` lists them. */
export const commands: readonly Command[] = [
  upCommand,
  processCommand,
  simulateCommand,
  validateCommand,
  driftCommand,
  trainCommand,
  modelCommand,
  predictCommand,
];
