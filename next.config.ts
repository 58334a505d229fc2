import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // A self-contained server in .next/standalone (server.js + the node_modules it needs) for the
  // Docker image; static assets are copied beside it by scripts/standalone-assets.mjs.
  output: "standalone",
  // Keep server-only packages out of the bundler; they run as plain Node modules.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "nodemailer"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
