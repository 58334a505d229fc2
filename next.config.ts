import type { NextConfig } from "next";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "./lib/http/body-limits";

// Headers that are the same for every deployment. The Content-Security-Policy (a nonce per
// request) and HSTS (https deployments only) are set at run time by proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // `next dev` serves its scripts and hot reload only to localhost and the hosts named here. The
  // loopback addresses are the same machine (the README and `npm run dev` print 127.0.0.1 URLs):
  // a page opened there would otherwise never hydrate. Production servers ignore this list.
  allowedDevOrigins: ["127.0.0.1", "[::1]"],
  // A self-contained server in .next/standalone (server.js + the node_modules it needs) for the
  // Docker image; static assets are copied beside it by scripts/standalone-assets.mjs.
  output: "standalone",
  // Keep server-only packages out of the bundler; they run as plain Node modules.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "nodemailer"],
  experimental: {
    // Server actions take form fields and ids only; file bytes go straight to the bucket.
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
