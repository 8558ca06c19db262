/** One subcommand of `churn`. Commands print for people by default and JSON with `--json`. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full usage text shown by `churn <name> --help`. */
  readonly usage: string;
  /** Runs the command and resolves to the process exit code. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** Where a command writes; injected so tests can read what it printed. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo: CommandIo = {
  stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  cwd: process.cwd(),
  env: process.env,
};
