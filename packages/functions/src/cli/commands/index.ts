import type { Command } from "../command.ts";

/** Every `churn` subcommand, in the order `churn help` lists them. */
export const commands: readonly Command[] = [];
