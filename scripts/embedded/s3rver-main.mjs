// Entry point for @20minutes/s3rver, whose package ships no bin script.
import { parseArgs } from "node:util";
import S3rver from "@20minutes/s3rver";

const { values } = parseArgs({
  options: {
    directory: { type: "string" },
    port: { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});

new S3rver({
  directory: values.directory,
  address: "127.0.0.1",
  port: Number(values.port),
  silent: !values.verbose,
  // Path-style only: any Host header (localhost, 127.0.0.1, a LAN name) then addresses /bucket/key.
  vhostBuckets: false,
})
  .run()
  .then(({ address, port }) => console.log(`s3rver listening on ${address}:${port}`))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
