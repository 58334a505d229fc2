// Evidence for SECURITY.md, written by the security suites themselves (Vitest and Playwright).
// Each call writes one JSON file; `scripts/security-report.ts` renders them all into SECURITY.md
// after a full `npm test`, so the published matrix and counts are what the suite actually ran.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export const securitySections = {
  "access-control": "Access control",
  "bad-input": "Bad input",
  "sign-in": "Sign-in",
  "csrf-headers": "CSRF and headers",
  faults: "Faults",
  "data-rights": "Data rights",
  webhooks: "Outgoing webhooks",
  payments: "Payments",
  "supply-chain": "Supply chain and secrets",
  accessibility: "Accessibility",
} as const;

export type SecuritySection = keyof typeof securitySections;

export type SecurityEvidence = {
  section: SecuritySection;
  title: string; // one table per title, e.g. "Server actions × callers"
  columns: string[];
  rows: (string | number)[][];
  // Counts that go into the summary line, e.g. { "calls made": 480, "denials audited": 360 }.
  counts?: Record<string, number>;
  note?: string;
};

export const evidenceDir = () => path.resolve(process.env.SECURITY_EVIDENCE_DIR ?? ".data/security-evidence");

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export function recordSecurityEvidence(evidence: SecurityEvidence) {
  const dir = evidenceDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${evidence.section}--${slug(evidence.title)}.json`);
  writeFileSync(file, JSON.stringify({ ...evidence, recordedAt: new Date().toISOString() }, null, 2));
}
