/**
 * Runs s3rver in its own Node process, started with `--openssl-legacy-provider`: s3rver encrypts
 * ListObjectsV2 continuation tokens with DES, which Node 24 refuses without that provider, so any
 * truncated listing fails with HTTP 500 inside an ordinary test worker.
 *
 * Usage: node --openssl-legacy-provider s3rver-process.ts <directory> <bucket>; prints the port.
 */
import S3rver from "s3rver";

const [directory, bucket] = process.argv.slice(2);
if (directory === undefined || bucket === undefined) {
  throw new Error("Usage: s3rver-process.ts <directory> <bucket>");
}
const server = new S3rver({
  address: "127.0.0.1",
  port: 0,
  silent: true,
  directory,
  configureBuckets: [{ name: bucket }],
});
const address = await server.run();
process.stdout.write(`${address.port}\n`);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
