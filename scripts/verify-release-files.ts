// `npm run files:verify`: fills in the SHA-512 (and, when the store signs, the Sparkle signature) of
// release files recorded before the feeds carried them (lib/publishing/verify-files.ts). Run it
// once after upgrading, and again after changing SPARKLE_ED25519_PRIVATE_KEY.
import { verifyReleaseFiles } from "../lib/publishing/verify-files";

const report = await verifyReleaseFiles();
console.log(
  `verified ${report.verified} release file(s), signed ${report.signed}; ` +
    `${report.mismatched.length} differ from their recorded SHA-256${report.mismatched.length ? `: ${report.mismatched.join(", ")}` : ""}`,
);
console.log(`${report.unreadable.length} could not be read (the next run tries them again)`);
process.exitCode = report.mismatched.length || report.unreadable.length ? 1 : 0;
