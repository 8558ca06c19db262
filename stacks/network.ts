/**
 * The VPC that holds the database and the few things that open it: the functions that write
 * runs and the site's server.
 */

/**
 * No NAT: what runs inside the VPC talks only to the database, to S3 and to DynamoDB, through
 * the free gateway endpoints below, so it never needs the internet. That saves a NAT gateway
 * (about $33 a month per AZ) or a NAT instance (about $3 a month each). Steps that call
 * SageMaker, SNS or Step Functions run outside the VPC.
 *
 * The S3 endpoint carries the platform bucket and the site's own cache and assets bucket (both
 * in the stage's region; a gateway endpoint without a policy allows every bucket there). The
 * DynamoDB endpoint carries the site's tag cache, the table OpenNext keeps for SST's Nextjs.
 */
export function createNetwork() {
  const vpc = new sst.aws.Vpc("Network", { az: 2 });

  const region = aws.getRegionOutput().region;
  const routeTableIds = vpc.nodes.privateRouteTables.apply((tables) =>
    tables.map((table) => table.id),
  );
  for (const [name, service] of [
    ["S3Gateway", "s3"],
    ["DynamoDbGateway", "dynamodb"],
  ] as const) {
    new aws.ec2.VpcEndpoint(name, {
      vpcId: vpc.id,
      serviceName: $interpolate`com.amazonaws.${region}.${service}`,
      vpcEndpointType: "Gateway",
      routeTableIds,
    });
  }

  return { vpc };
}
