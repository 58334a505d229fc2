// The test database the app under test writes to, for checking what a request did or did not write.
import { parseEnv } from "../../lib/env-schema";
import { createPrismaClient } from "../../lib/prisma";

export const testDb = () => createPrismaClient(parseEnv(process.env).DATABASE_URL, 2);
