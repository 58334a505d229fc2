// Configuration for the Prisma CLI. The app itself connects through lib/db.ts; the CLI only
// needs a URL for commands that reach the database (e.g. `prisma migrate deploy` online).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
