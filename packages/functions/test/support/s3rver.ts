import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { S3Client } from "@aws-sdk/client-s3";

export interface LocalS3 {
  readonly client: S3Client;
  readonly bucket: string;
  close(): Promise<void>;
}

/** Starts s3rver on a free port of 127.0.0.1 with one empty bucket, in a child process. */
export async function startLocalS3(bucket = "churn-test"): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "churn-s3rver-"));
  const script = path.join(import.meta.dirname, "s3rver-process.ts");
  const child = spawn(process.execPath, ["--openssl-legacy-provider", script, directory, bucket], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [firstLine] = (await once(child.stdout, "data")) as [Buffer];
  const port = Number.parseInt(firstLine.toString("utf8"), 10);

  const client = new S3Client({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    // s3rver stores aws-chunked framing verbatim, so checksums are sent only where S3 needs them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return {
    client,
    bucket,
    close: async () => {
      client.destroy();
      child.kill("SIGTERM");
      await once(child, "exit");
      await rm(directory, { recursive: true, force: true });
    },
  };
}
