import { InvokeEndpointCommand, SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { ChurnError, type Logger, type Predictor, silentLogger } from "@churn/core";
import { formatFloat32 } from "@churn/core/model";
import { describeAwsError, httpStatusOf, isTransientAwsError } from "./aws-errors.ts";
import { DEFAULT_RETRY_POLICY, forEachWithLimit, type RetryPolicy, withRetries } from "./retry.ts";

/** InvokeEndpoint takes at most 6 MB; batches stay under 5 MB to leave room for headers. */
const DEFAULT_MAX_PAYLOAD_BYTES = 5_000_000;
const DEFAULT_MAX_IN_FLIGHT = 4;

export interface SageMakerPredictorOptions {
  /** The endpoint, or how to name it from the model version being scored. */
  readonly endpointName: string | ((modelVersion: string) => string);
  /** Build it with `maxAttempts: 1`: this adapter does the retrying. Defaults to such a client. */
  readonly client?: SageMakerRuntimeClient;
  readonly maxPayloadBytes?: number;
  readonly maxInFlight?: number;
  readonly retry?: RetryPolicy;
  readonly logger?: Logger;
}

/**
 * Scores rows on a SageMaker endpoint serving the built-in XGBoost container: rows go as
 * headerless `text/csv` batches under `maxPayloadBytes`, at most `maxInFlight` at once, and
 * throttling, 5xx and network errors are retried with backoff. Throws `ChurnError` codes
 * `predictor.unavailable` (retries exhausted), `predictor.request_failed`, `predictor.bad_response`.
 */
export function createSageMakerPredictor(options: SageMakerPredictorOptions): Predictor {
  const client = options.client ?? new SageMakerRuntimeClient({ maxAttempts: 1 });
  const maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const logger = options.logger ?? silentLogger;
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;

  return {
    async predict({ modelVersion, features, rowCount, featureCount }) {
      const endpointName =
        typeof options.endpointName === "string"
          ? options.endpointName
          : options.endpointName(modelVersion);
      const probabilities = new Float64Array(rowCount);
      const batches = csvBatches(features, rowCount, featureCount, maxPayloadBytes);

      await forEachWithLimit(
        batches,
        options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
        async (batch) => {
          const scored = await withRetries(
            policy,
            isTransient,
            () => invoke(batch),
            (error, attemptNumber, delayMs) =>
              logger.warn("Retrying a throttled or failed InvokeEndpoint call", {
                endpointName,
                modelVersion,
                firstRow: batch.firstRow,
                attemptNumber,
                delayMs,
                error: describeAwsError(error),
              }),
          ).catch((error: unknown) => {
            throw translate(error, endpointName, modelVersion, batch.firstRow);
          });
          probabilities.set(scored, batch.firstRow);
        },
      );
      return probabilities;

      async function invoke(batch: CsvBatch): Promise<Float64Array> {
        const response = await client.send(
          new InvokeEndpointCommand({
            EndpointName: endpointName,
            ContentType: "text/csv",
            Accept: "text/csv",
            Body: batch.body,
          }),
        );
        const text = new TextDecoder().decode(response.Body);
        return parseCsvProbabilities(text, batch.rowCount, endpointName, batch.firstRow);
      }
    },
  };
}

export interface CsvBatch {
  readonly firstRow: number;
  readonly rowCount: number;
  readonly body: Uint8Array;
}

/**
 * Rows as the container reads them, one batch at a time as the caller pulls: no header, no
 * label, features in model order, an empty field for a missing value. Each float32 is written
 * as the shortest text that reads back as the same float32 after the container's float64 parse
 * and float32 cast.
 */
export function* csvBatches(
  features: Float32Array,
  rowCount: number,
  featureCount: number,
  maxPayloadBytes: number,
): Generator<CsvBatch> {
  const encoder = new TextEncoder();
  let lines: string[] = [];
  let sizeBytes = 0;
  let firstRow = 0;

  const take = (endRow: number): CsvBatch => {
    const batch = { firstRow, rowCount: endRow - firstRow, body: encoder.encode(lines.join("")) };
    lines = [];
    sizeBytes = 0;
    firstRow = endRow;
    return batch;
  };

  for (let row = 0; row < rowCount; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < featureCount; column += 1) {
      cells.push(formatCell(features[row * featureCount + column] as number));
    }
    const line = `${cells.join(",")}\n`;
    // Cells are ASCII, so the string length is the byte length.
    if (lines.length > 0 && sizeBytes + line.length > maxPayloadBytes) yield take(row);
    if (line.length > maxPayloadBytes) {
      throw new ChurnError(
        "predictor.bad_input",
        `Row ${row + 1} alone takes ${line.length} bytes, over the ${maxPayloadBytes}-byte payload limit.`,
      );
    }
    lines.push(line);
    sizeBytes += line.length;
  }
  if (lines.length > 0) yield take(rowCount);
}

function formatCell(value: number): string {
  if (Number.isNaN(value)) return "";
  // Counts are the common case and need no search for the shortest float32 text.
  if (Number.isInteger(value) || !Number.isFinite(value)) return String(value);
  return formatFloat32(value);
}

/**
 * One probability per line as the container answers `Accept: text/csv`; a multi-model
 * endpoint's single comma-joined line is read too.
 */
function parseCsvProbabilities(
  text: string,
  rowCount: number,
  endpointName: string,
  firstRow: number,
): Float64Array {
  const cells = text
    .split(/[\n,]/)
    .map((cell) => cell.trim())
    .filter((cell) => cell !== "");
  const probabilities = Float64Array.from(cells, Number);
  const isValid =
    cells.length === rowCount && probabilities.every((value) => value >= 0 && value <= 1);
  if (!isValid) {
    throw new ChurnError(
      "predictor.bad_response",
      `Endpoint ${endpointName} answered ${cells.length} values for ${rowCount} rows from row ${firstRow + 1}, or values outside [0, 1]; check that it serves a binary:logistic model with text/csv output.`,
      { context: { endpointName, firstRow, rowCount, answeredCount: cells.length } },
    );
  }
  return probabilities;
}

function isTransient(error: unknown): boolean {
  return !(error instanceof ChurnError) && isTransientAwsError(error);
}

function translate(
  error: unknown,
  endpointName: string,
  modelVersion: string,
  firstRow: number,
): ChurnError {
  if (error instanceof ChurnError) return error;
  const transient = isTransient(error);
  return new ChurnError(
    transient ? "predictor.unavailable" : "predictor.request_failed",
    `Endpoint ${endpointName} could not score model version ${modelVersion} from row ${firstRow + 1}: ${describeAwsError(error)}${transient ? " after every retry; retry the run later" : "; check the endpoint's name and status"}.`,
    {
      context: { endpointName, modelVersion, firstRow, status: httpStatusOf(error) },
      cause: error,
    },
  );
}
