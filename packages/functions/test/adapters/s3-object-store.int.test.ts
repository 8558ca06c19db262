import {
  CopyObjectCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { isChurnError } from "@churn/core";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createS3ObjectStore } from "../../src/adapters/s3-object-store.ts";
import {
  describeObjectStoreContract,
  generatedChunks,
  sha256Of,
} from "../support/object-store-contract.ts";
import { type LocalS3, startLocalS3 } from "../support/s3rver.ts";

describeObjectStoreContract("S3 on s3rver", async () => {
  const s3 = await startLocalS3();
  return { store: createS3ObjectStore(s3), close: s3.close };
});

describe("createS3ObjectStore on s3rver", () => {
  let s3: LocalS3;
  const commands: string[] = [];
  const putHeaders: Record<string, string>[] = [];

  beforeAll(async () => {
    s3 = await startLocalS3();
    s3.client.middlewareStack.add(
      (next, context) => async (args) => {
        commands.push(context.commandName ?? "");
        const request = args.request as { headers?: Record<string, string> };
        const isConditional = ["PutObjectCommand", "CopyObjectCommand", "DeleteObjectCommand"];
        if (isConditional.includes(context.commandName ?? "") && request.headers) {
          putHeaders.push({ ...request.headers });
        }
        return next(args);
      },
      { step: "finalizeRequest", name: "recordCommands" },
    );
  });
  afterAll(async () => {
    await s3?.close();
  });

  it("lists every key across pages of a truncated listing", async () => {
    const store = createS3ObjectStore({ ...s3, listPageSize: 2 });
    const keys = Array.from({ length: 7 }, (_, index) => `paged/file-${index}.csv`);
    for (const key of keys) await store.write(key, key);
    commands.length = 0;

    const listed: string[] = [];
    for await (const object of store.list("paged/")) listed.push(object.key);

    expect(listed).toEqual(keys);
    expect(commands.filter((name) => name === "ListObjectsV2Command")).toHaveLength(4);
  });

  it("sends a stream larger than one part as a multipart upload", async () => {
    const store = createS3ObjectStore(s3);
    const sizeBytes = 11 * 1024 * 1024;
    commands.length = 0;

    await store.write("data/processed/scored.csv", generatedChunks(sizeBytes));

    expect(commands.filter((name) => name === "UploadPartCommand")).toHaveLength(3);
    expect(await sha256Of(store.read("data/processed/scored.csv"))).toBe(
      await sha256Of(generatedChunks(sizeBytes)),
    );
  });

  it("asks S3 to refuse an overwrite when ifAbsent is set", async () => {
    const store = createS3ObjectStore(s3);
    putHeaders.length = 0;

    await store.write("claims/run-1.json", "{}", { ifAbsent: true });
    await store.write("claims/run-2.json", "{}");

    expect(putHeaders.map((headers) => headers["if-none-match"])).toEqual(["*", undefined]);
  });

  it("asks S3 to copy only the announced object, never over an existing one", async () => {
    const store = createS3ObjectStore(s3);
    const source = await store.write("data/input/claim.csv", "a,b\n");
    putHeaders.length = 0;

    await store.copy("data/input/claim.csv", "data/processing/r1/claim.csv", {
      ifMatch: source.etag,
      ifAbsent: true,
    });
    await store.delete("data/input/claim.csv", { ifMatch: source.etag });

    expect(putHeaders.map((headers) => headers["x-amz-copy-source-if-match"])).toEqual([
      `"${source.etag}"`,
      undefined,
    ]);
    expect(putHeaders.map((headers) => headers["if-none-match"])).toEqual(["*", undefined]);
    expect(putHeaders[1]?.["if-match"]).toBe(`"${source.etag}"`);
    expect(await store.stat("data/input/claim.csv")).toBeUndefined();
  });
});

// s3rver ignores If-None-Match on writes, so S3's refusal (HTTP 412) is replayed with a mock.
describe("createS3ObjectStore error mapping", () => {
  const client = new S3Client({ region: "us-east-1" });
  const mock = mockClient(client);
  const store = createS3ObjectStore({ client, bucket: "churn-test" });

  function serviceError(name: string, status: number) {
    return new S3ServiceException({
      name,
      $fault: "client",
      $metadata: { httpStatusCode: status },
    });
  }

  it.each([
    ["PreconditionFailed", 412, "store.exists"],
    ["SlowDown", 503, "store.unavailable"],
    ["InternalError", 500, "store.unavailable"],
    ["AccessDenied", 403, "store.request_failed"],
  ])("throws a ChurnError when S3 answers %s (HTTP %i)", async (name, status, code) => {
    mock.reset();
    mock.on(PutObjectCommand).rejects(serviceError(name, status));

    const error = await store
      .write("claims/run-1.json", "{}", { ifAbsent: true })
      .catch((caught: unknown) => caught);

    expect(isChurnError(error, code)).toBe(true);
    const input = mock.commandCalls(PutObjectCommand)[0]?.args[0].input as PutObjectCommandInput;
    expect(input.IfNoneMatch).toBe("*");
  });

  // S3 answers a failed condition of a copy with one 412; the source's ETag tells which failed.
  it.each([
    ["the source was replaced", '"newer"', "store.changed"],
    ["the target exists", '"announced"', "store.exists"],
  ])("throws the matching code when a copy is refused because %s", async (_, etag, code) => {
    mock.reset();
    mock
      .on(HeadObjectCommand, { Key: "data/input/a.csv" })
      .resolvesOnce({ ETag: '"announced"' })
      .resolves({ ETag: etag });
    mock
      .on(HeadObjectCommand, { Key: "data/processing/r1/a.csv" })
      .rejects(serviceError("NotFound", 404));
    mock.on(CopyObjectCommand).rejects(serviceError("PreconditionFailed", 412));

    const error = await store
      .copy("data/input/a.csv", "data/processing/r1/a.csv", {
        ifMatch: "announced",
        ifAbsent: true,
      })
      .catch((caught: unknown) => caught);

    expect(isChurnError(error, code)).toBe(true);
    const input = mock.commandCalls(CopyObjectCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ CopySourceIfMatch: '"announced"', IfNoneMatch: "*" });
  });

  it("throws store.changed when S3 refuses a conditional delete", async () => {
    mock.reset();
    mock.on(HeadObjectCommand).resolvesOnce({ ETag: '"announced"' }).resolves({ ETag: '"newer"' });
    mock.on(DeleteObjectCommand).rejects(serviceError("PreconditionFailed", 412));

    const error = await store
      .delete("data/input/a.csv", { ifMatch: "announced" })
      .catch((caught: unknown) => caught);

    expect(isChurnError(error, "store.changed")).toBe(true);
    expect(mock.commandCalls(DeleteObjectCommand)[0]?.args[0].input.IfMatch).toBe('"announced"');
  });
});
