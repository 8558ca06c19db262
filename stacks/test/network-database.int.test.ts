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

  it("routes S3 traffic from the private subnets through a gateway endpoint", async () => {
    const endpoint = await createdResource("aws:ec2/vpcEndpoint:VpcEndpoint", "S3Gateway");
    const privateTables = createdResources("aws:ec2/routeTable:RouteTable").filter((table) =>
      table.name.includes("Private"),
    );

    expect(endpoint.inputs).toMatchObject({
      serviceName: "com.amazonaws.eu-west-1.s3",
      vpcEndpointType: "Gateway",
    });
    expect(privateTables.length).toBe(2);
    expect(endpoint.inputs.routeTableIds).toEqual(privateTables.map((table) => `${table.name}-id`));
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
