import { beforeAll, expect, it } from "vitest";
import { createdResource, describeStack, installPulumiMocks } from "./pulumi-mocks.ts";

const STARTER_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:churn-test-StartRun";

describeStack("createStorage and notifyStarter", () => {
  beforeAll(async () => {
    await installPulumiMocks();
    const { createStorage, notifyStarter } = await import("../storage.ts");
    const { bucket } = createStorage();
    notifyStarter(bucket, STARTER_ARN);
  });

  it("notifies the starter of objects created under data/input/ only", async () => {
    const notification = await createdResource("aws:s3/bucketNotification:BucketNotification");

    expect(notification.inputs.lambdaFunctions).toEqual([
      expect.objectContaining({
        lambdaFunctionArn: STARTER_ARN,
        events: ["s3:ObjectCreated:*"],
        filterPrefix: "data/input/",
      }),
    ]);
  });

  it("lets only S3, from this bucket, invoke the starter", async () => {
    const permission = await createdResource("aws:lambda/permission:Permission");

    expect(permission.inputs).toMatchObject({
      action: "lambda:InvokeFunction",
      function: STARTER_ARN,
      principal: "s3.amazonaws.com",
    });
  });

  it("keeps every version of every object", async () => {
    const versioning = await createdResource("aws:s3/bucketVersioning:BucketVersioning");

    expect(versioning.inputs.versioningConfiguration).toEqual({ status: "Enabled" });
  });

  it("encrypts objects at rest by default", async () => {
    const encryption = await createdResource(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    );

    expect(encryption.inputs.rules).toEqual([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, bucketKeyEnabled: true },
    ]);
  });

  it("blocks every form of public access", async () => {
    const block = await createdResource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");

    expect(block.inputs).toMatchObject({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
  });

  it("denies every request made without TLS", async () => {
    const policy = await createdResource("aws:s3/bucketPolicy:BucketPolicy");
    const document = JSON.parse(String(policy.inputs.policy)) as { statements: unknown[] };

    expect(document.statements).toContainEqual(
      expect.objectContaining({
        effect: "Deny",
        actions: ["s3:*"],
        conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      }),
    );
  });

  it("expires old versions after 90 days", async () => {
    const lifecycle = await createdResource(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "DataOldVersions",
    );

    expect(lifecycle.inputs.rules).toEqual([
      expect.objectContaining({
        status: "Enabled",
        noncurrentVersionExpiration: { noncurrentDays: 90 },
      }),
    ]);
  });
});
