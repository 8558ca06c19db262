/**
 * The one error type the platform throws. `code` is stable and machine-readable, `context` names
 * the file, row, column or model version involved, and `cause` keeps the error underneath.
 */
export class ChurnError extends Error {
  override readonly name = "ChurnError";
  readonly code: string;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    options: { context?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options.context ?? {};
  }

  /** A plain object for structured logs and step outputs; never includes the stack. */
  toJSON(): { name: string; code: string; message: string; context: Record<string, unknown> } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      context: { ...this.context },
    };
  }
}

/** True when `error` is a ChurnError, optionally with the given code. */
export function isChurnError(error: unknown, code?: string): error is ChurnError {
  return error instanceof ChurnError && (code === undefined || error.code === code);
}
