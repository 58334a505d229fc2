// Entry point for @20minutes/s3rver, whose package ships no bin script.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import S3rver from "@20minutes/s3rver";

const S3Error = createRequire(import.meta.url)("@20minutes/s3rver/lib/models/error");

const { values } = parseArgs({
  options: {
    directory: { type: "string" },
    port: { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});

const server = new S3rver({
  directory: values.directory,
  address: "127.0.0.1",
  port: Number(values.port),
  silent: !values.verbose,
  // Path-style only: any Host header (localhost, 127.0.0.1, a LAN name) then addresses /bucket/key.
  vhostBuckets: false,
});

// s3rver checks a signature when a request carries one, and serves an unsigned request as if the
// bucket's owner had sent it: any local process, or a web page by DNS rebinding, could then read
// and write the bucket. S3 answers an anonymous request to a private bucket 403 AccessDenied, and
// so does this. CORS preflights carry no credentials by design and stay open; the SDK and
// presigned URLs always sign (the same three mechanisms s3rver's authentication middleware knows).
const signed = (ctx) =>
  "authorization" in ctx.headers || "X-Amz-Algorithm" in ctx.query || "Signature" in ctx.query;
// Its one key pair (S3RVER/S3RVER) is public, so a signature alone proves nothing to a page that
// reached this port by DNS rebinding: such a request names the attacker's host. Only requests
// addressed to this machine by a loopback name are served (on any port: a TCP relay or a port
// forward in front of it names its own).
const loopbackHost = (host) => /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i.test(host);
server.middleware.unshift(async function requireSignature(ctx, next) {
  if (!loopbackHost(String(ctx.get("host")))) throw new S3Error("AccessDenied", "Access Denied");
  if (ctx.method !== "OPTIONS" && !signed(ctx)) throw new S3Error("AccessDenied", "Access Denied");
  return next();
});

server
  .run()
  .then(({ address, port }) => console.log(`s3rver listening on ${address}:${port}`))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
