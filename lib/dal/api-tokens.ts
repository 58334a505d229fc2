import "server-only";
import { db } from "../db";

// Publishing API credentials. Only SHA-256 hashes are stored; the secret itself never
// reaches this layer except as its hash.

const tokenSummary = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function insertApiToken(data: {
  name: string;
  tokenHash: string;
  prefix: string;
  scope: string;
  createdById: string | null;
}) {
  return db.apiToken.create({ data, select: tokenSummary });
}

// Newest first, revoked ones included so the admin page can show what was turned off.
export async function listApiTokenSummaries(): Promise<ApiTokenSummary[]> {
  return db.apiToken.findMany({ orderBy: { createdAt: "desc" }, select: tokenSummary });
}

export async function findApiTokenSummary(id: string): Promise<ApiTokenSummary | null> {
  return db.apiToken.findUnique({ where: { id }, select: tokenSummary });
}

// Keeps the first revocation time when revoked twice.
export async function markApiTokenRevoked(id: string) {
  await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
}

export async function findApiTokenByHash(tokenHash: string) {
  return db.apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, name: true, scope: true, revokedAt: true, lastUsedAt: true },
  });
}

// Conditional, so concurrent requests with one token write lastUsedAt once a minute at most.
export async function touchApiToken(id: string, olderThan: Date) {
  await db.apiToken.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: olderThan } }] },
    data: { lastUsedAt: new Date() },
  });
}
