// Finds secret-looking strings in files or folders: live Stripe keys, webhook signing secrets,
// AWS access keys, presigned URL signatures, private keys, licence keys and the tokens of
// sign-in and unsubscribe links (the app redacts all of them from its logs, lib/redact.ts). CI runs it over the built `.next`
// output and over the logs of the test run; `node scripts/security/scan-secrets.mjs PATH…`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const secretPatterns = [
  { name: "Stripe live secret key", pattern: /\b[sr]k_live_[0-9A-Za-z]{10,}/ },
  { name: "Stripe test secret key", pattern: /\b[sr]k_test_[0-9A-Za-z]{20,}/ },
  { name: "Stripe webhook signing secret", pattern: /\bwhsec_[0-9A-Za-z+/=]{16,}/ },
  { name: "AWS access key id", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    name: "AWS secret access key assignment",
    pattern: /aws_secret_access_key\s*[=:]\s*["']?[0-9A-Za-z/+=]{40}/i,
  },
  { name: "presigned URL signature", pattern: /X-Amz-Signature=[0-9a-f]{16,}/i },
  { name: "CloudFront signed URL", pattern: /[?&]Signature=[0-9A-Za-z~_-]{40,}/ },
  // A key as the app issues it; "DL-XXXXX-…" and "DL-00000-…" placeholders are no key.
  {
    name: "licence key",
    pattern: /\bDL-(?!([0-9A-Z])\1{4}-)[0-9A-HJKMNP-TV-Z]{5}(?:-[0-9A-HJKMNP-TV-Z]{5}){3}\b/,
  },
  { name: "link token in a URL", pattern: /[?&]token=[0-9A-Za-z_-]{20,}/ },
  {
    name: "private key",
    pattern: /-----BEGIN (?:RSA |EC |OPENSSH |ENCRYPTED )?PRIVATE KEY-----(?:\\n|\s)*[0-9A-Za-z+/]{40,}/,
  },
];

function* files(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) {
    yield target;
    return;
  }
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "cache" && target.endsWith(".next")) continue; // build cache, never served
    yield* files(path.join(target, entry.name));
  }
}

// `exact` adds literal values that must not appear (e.g. the secrets of the run being checked).
export function scanForSecrets(targets, { exact = [] } = {}) {
  const findings = [];
  let scanned = 0;
  const literals = exact
    .filter((value) => value && value.length >= 8)
    .map((value) => ({ name: "configured secret value", value }));
  for (const target of targets) {
    for (const file of files(target)) {
      const text = readFileSync(file, "latin1");
      scanned += 1;
      for (const { name, pattern } of secretPatterns) {
        const match = pattern.exec(text);
        if (match) findings.push({ file, kind: name, sample: `${match[0].slice(0, 12)}…` });
      }
      for (const { name, value } of literals) {
        if (text.includes(value)) findings.push({ file, kind: name, sample: `${value.slice(0, 4)}…` });
      }
    }
  }
  return { scanned, findings };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const targets = process.argv.slice(2);
  const { scanned, findings } = scanForSecrets(targets);
  for (const finding of findings) console.error(`${finding.file}: ${finding.kind} (${finding.sample})`);
  console.log(`secret scan: ${scanned} files, ${findings.length} findings`);
  process.exit(findings.length ? 1 : 0);
}
