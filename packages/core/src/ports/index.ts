/**
 * The ports through which the domain reaches the world. Adapters for AWS and for the local
 * runtime implement them in `@churn/functions`; nothing in `core` knows which one it talks to.
 */

/** What a stored object looked like when it was read or written. */
export interface ObjectInfo {
  readonly key: string;
  readonly sizeBytes: number;
  /** An opaque version tag (S3 ETag, or a content hash locally) that changes when the bytes do. */
  readonly etag: string;
  readonly lastModified: Date;
}

/** A bucket laid out as docs/architecture.md describes: keys are `/`-separated paths. */
export interface ObjectStore {
  /** Streams an object's bytes. Throws `ChurnError` code `store.not_found` when it is missing. */
  read(key: string): AsyncIterable<Uint8Array>;
  /** Reads a whole object; for small objects such as metadata and reports. */
  readBytes(key: string): Promise<Uint8Array>;
  /** Writes an object whole; fails with `store.exists` when `ifAbsent` is set and it exists. */
  write(
    key: string,
    body: Uint8Array | string | AsyncIterable<Uint8Array>,
    options?: { contentType?: string; ifAbsent?: boolean },
  ): Promise<ObjectInfo>;
  /** Information on one object, or `undefined` when it does not exist. */
  stat(key: string): Promise<ObjectInfo | undefined>;
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /**
   * Copies an object to a new key; the source stays. With `ifMatch`, copies only the object of
   * that ETag and throws `store.changed` when the key holds other bytes; with `ifAbsent`, throws
   * `store.exists` when the target exists. Throws `store.not_found` when the source is missing.
   */
  copy(
    fromKey: string,
    toKey: string,
    options?: { ifMatch?: string; ifAbsent?: boolean },
  ): Promise<ObjectInfo>;
  /**
   * Deletes an object; a missing one is not an error. With `ifMatch`, deletes only the object of
   * that ETag and throws `store.changed` when the key holds other bytes.
   */
  delete(key: string, options?: { ifMatch?: string }): Promise<void>;
}

/** Scores rows of features with a deployed model version. */
export interface Predictor {
  /**
   * Probabilities of churn for `rowCount` rows of `featureCount` float32 features stored row
   * by row, NaN for missing. The result has one probability per row, in row order.
   */
  predict(request: {
    modelVersion: string;
    features: Float32Array;
    rowCount: number;
    featureCount: number;
  }): Promise<Float64Array>;
}

/** An alert as the platform writes it; the notifier decides how it travels. */
export interface AlertMessage {
  readonly subject: string;
  readonly body: string;
}

export interface Notifier {
  /** Sends an alert and returns the transport's message id. */
  publish(message: AlertMessage): Promise<string>;
}

export interface Clock {
  now(): Date;
}

export type LogFields = Readonly<Record<string, unknown>>;

/** A structured logger; the domain only calls it where it is handed one. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const systemClock: Clock = { now: () => new Date() };

/** A logger that drops everything: the default where none is injected. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
