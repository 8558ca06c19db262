import type { Command } from "../command.ts";
import { driftCommand } from "./drift.ts";
import { validateCommand } from "./validate.ts";

/** Every `churn` subcommand, in the order `churn help` lists them. */
export const commands: readonly Command[] = [validateCommand, driftCommand];
