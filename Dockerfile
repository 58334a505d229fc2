# syntax=docker/dockerfile:1
# Downlink's production image: the Next.js standalone server on Debian's slim Node image,
# running as the unprivileged `node` user. Build:   docker build -t downlink .
# Migrations run from their own target:            docker build --target migrate -t downlink-migrate .
ARG NODE_VERSION=24

# Dependencies, installed from the lockfile, devDependencies included: the build needs them
# (TypeScript, Tailwind, the prisma CLI). `postinstall` applies patches and generates the Prisma
# client, so the files it needs come first. The runtime stage installs nothing.
FROM node:${NODE_VERSION}-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json prisma.config.ts ./
COPY patches ./patches
COPY prisma/schema.prisma ./prisma/schema.prisma
COPY scripts/postinstall.mjs ./scripts/postinstall.mjs
RUN npm ci --no-audit --no-fund

# The build needs no secrets: configuration is read when the server starts.
FROM deps AS build
COPY . .
RUN npm run build

# `docker run --rm -e DATABASE_URL=… downlink-migrate` applies prisma/migrations before a deploy.
FROM build AS migrate
ENV NODE_ENV=production
CMD ["npm", "run", "db:migrate"]

# The standalone server carries the node_modules files it uses and the compiled Prisma client.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
# The app's files belong to root and are read-only for the server; only Next.js's cache is writable.
COPY --from=build /app/.next/standalone ./
COPY scripts/docker-start.sh ./docker-start.sh
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
# Liveness only; load balancers should use /api/ready, which also checks PostgreSQL and S3.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The V8 heap limit follows the container's memory (half of it; HEAP_MB overrides), and node
# replaces the script as PID 1: it receives SIGTERM from `docker stop` and drains (lib/shutdown.ts).
CMD ["./docker-start.sh"]
