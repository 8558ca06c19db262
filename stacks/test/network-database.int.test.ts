import { beforeAll, expect, it } from "vitest";
import {
  createdResource,
  createdResources,
  describeStack,
  installPulumiMocks,
  resolveOutput,
} from "./pulumi-mocks.ts";

describeStack("createNetwork and createDatabase", () => {
  let databaseUrl: string;

  beforeAll(async () => {
    await installPulumiMocks();
    const { createNetwork } = await import("../network.ts");
    const { createDatabase } = await import("../database.ts");
    const { vpc } = createNetwork();
    const database = createDatabase({ vpc, stage: "test" });
    databaseUrl = await resolveOutput(database.databaseUrl);
  });

  it.each([
    ["S3", "S3Gateway", "com.amazonaws.eu-west-1.s3"],
    ["DynamoDB", "DynamoDbGateway", "com.amazonaws.eu-west-1.dynamodb"],
  ])(
    "routes %s traffic from the private subnets through a free gateway endpoint",
    async (_, name, service) => {
      const endpoint = await createdResource("aws:ec2/vpcEndpoint:VpcEndpoint", name);
      const privateTables = createdResources("aws:ec2/routeTable:RouteTable").filter((table) =>
        table.name.includes("Private"),
      );

      expect(endpoint.inputs).toMatchObject({ serviceName: service, vpcEndpointType: "Gateway" });
      expect(privateTables.length).toBe(2);
      expect(endpoint.inputs.routeTableIds).toEqual(
        privateTables.map((table) => `${table.name}-id`),
      );
    },
  );

  it("lets the gateway endpoints reach every bucket and table of the region", async () => {
    await createdResource("aws:ec2/vpcEndpoint:VpcEndpoint", "DynamoDbGateway");

    // Without a policy a gateway endpoint allows everything: the site's cache bucket and tag
    // table, which SST names itself, are reached as the platform's bucket is.
    const policies = createdResources("aws:ec2/vpcEndpoint:VpcEndpoint").map(
      (endpoint) => endpoint.inputs.policy,
    );

    expect(policies).toEqual([undefined, undefined]);
  });

  it("adds no interface endpoint, which would be billed by the hour", async () => {
    await createdResource("aws:ec2/vpcEndpoint:VpcEndpoint", "DynamoDbGateway");

    const types = createdResources("aws:ec2/vpcEndpoint:VpcEndpoint").map(
      (endpoint) => endpoint.inputs.vpcEndpointType,
    );

    expect(types).toEqual(["Gateway", "Gateway"]);
  });

  it("creates no NAT gateway and no NAT instance", async () => {
    await createdResource("aws:ec2/vpcEndpoint:VpcEndpoint", "S3Gateway");

    expect(createdResources("aws:ec2/natGateway:NatGateway")).toEqual([]);
    expect(createdResources("aws:ec2/instance:Instance")).toEqual([]);
  });

  it("runs Aurora PostgreSQL Serverless v2 that pauses at zero capacity", async () => {
    const cluster = await createdResource("aws:rds/cluster:Cluster");

    expect(cluster.inputs).toMatchObject({
      engine: "aurora-postgresql",
      storageEncrypted: true,
      serverlessv2ScalingConfiguration: {
        minCapacity: 0,
        maxCapacity: 2,
        secondsUntilAutoPause: 600,
      },
    });
  });

  it("hands the functions a TLS connection string with the password URL-encoded", () => {
    expect(databaseUrl).toBe(
      "postgres://postgres:mock%20password%2Fwith%3Asymbols@MetricsCluster.cluster-mock.eu-west-1.rds.amazonaws.com:5432/churn?sslmode=require",
    );
  });
});
