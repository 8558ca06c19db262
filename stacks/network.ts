/**
 * The VPC that holds the database and the few things that open it: the functions that write
 * runs and the site's server.
 */

/**
 * No NAT: what runs inside the VPC talks only to the database and to S3, through the free gateway
 * endpoint below, so it never needs the internet. That saves a NAT gateway (about $33 a month per
 * AZ) or a NAT instance (about $3 a month each). Steps that call SageMaker, SNS or Step Functions
 * run outside the VPC.
 */
export function createNetwork() {
  const vpc = new sst.aws.Vpc("Network", { az: 2 });

  const region = aws.getRegionOutput().region;
  new aws.ec2.VpcEndpoint("S3Gateway", {
    vpcId: vpc.id,
    serviceName: $interpolate`com.amazonaws.${region}.s3`,
    vpcEndpointType: "Gateway",
    routeTableIds: vpc.nodes.privateRouteTables.apply((tables) => tables.map((table) => table.id)),
  });

  return { vpc };
}
