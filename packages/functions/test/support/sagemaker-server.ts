import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { SageMakerRuntimeClient } from "@aws-sdk/client-sagemaker-runtime";
import { type CompiledModel, predictProbabilities } from "@churn/core/model";

/** A scripted failure: the HTTP status and the AWS error type the next request receives. */
export interface ScriptedError {
  readonly status: number;
  readonly errorType: string;
}

export interface FakeEndpoint {
  readonly client: SageMakerRuntimeClient;
  /** Body sizes of the requests that were answered with probabilities. */
  readonly answeredBodyBytes: number[];
  readonly requestPaths: string[];
  readonly peakInFlight: () => number;
  /** Errors returned, in order, before requests are answered again. */
  readonly scriptedErrors: ScriptedError[];
  close(): Promise<void>;
}

/**
 * An HTTP server on 127.0.0.1 that speaks InvokeEndpoint as the built-in XGBoost container
 * does: `POST /endpoints/<name>/invocations` with headerless `text/csv` rows (an empty field is
 * missing), answered with one probability per line, computed by the TypeScript evaluator.
 */
export async function startFakeEndpoint(
  compiled: CompiledModel,
  options: { responseDelayMs?: number } = {},
): Promise<FakeEndpoint> {
  const answeredBodyBytes: number[] = [];
  const requestPaths: string[] = [];
  const scriptedErrors: ScriptedError[] = [];
  let inFlight = 0;
  let peak = 0;

  async function handle(request: IncomingMessage, response: ServerResponse) {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    try {
      requestPaths.push(request.url ?? "");
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      await new Promise((resolve) => setTimeout(resolve, options.responseDelayMs ?? 0));

      const scripted = scriptedErrors.shift();
      if (scripted !== undefined) return sendError(response, scripted);
      if (!/^\/endpoints\/[^/]+\/invocations$/.test(request.url ?? "")) {
        return sendError(response, { status: 404, errorType: "ValidationError" });
      }
      if (request.headers["content-type"] !== "text/csv") {
        return sendError(response, { status: 415, errorType: "ModelError" });
      }

      const rows = body.toString("utf8").trim().split("\n");
      const features = Float32Array.from(
        rows.flatMap((row) =>
          row.split(",").map((cell) => (cell === "" ? Number.NaN : Number(cell))),
        ),
      );
      const probabilities = predictProbabilities(compiled, features, rows.length);
      answeredBodyBytes.push(body.length);
      response.writeHead(200, { "content-type": "text/csv" });
      response.end(Array.from(probabilities, (value) => `${value}\n`).join(""));
    } finally {
      inFlight -= 1;
    }
  }

  const server = createServer((request, response) => {
    void handle(request, response);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;

  const client = new SageMakerRuntimeClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
  return {
    client,
    answeredBodyBytes,
    requestPaths,
    peakInFlight: () => peak,
    scriptedErrors,
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function sendError(response: ServerResponse, error: ScriptedError): void {
  response.writeHead(error.status, {
    "content-type": "application/json",
    "x-amzn-errortype": error.errorType,
  });
  response.end(JSON.stringify({ message: `scripted ${error.errorType}` }));
}
