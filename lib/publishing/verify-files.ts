// `npm run files:verify`: reads again the release files recorded before the feeds carried SHA-512
// and Sparkle signatures, and fills them in. Until then electron-updater verifies those files by
// their SHA-256 (`sha2`) and the appcast offers them without a signature. A file whose bytes no
// longer match its recorded SHA-256 is reported and left alone: its feed entries stay as they were.
import "server-only";
import { findFilesToVerify, saveFileVerification } from "../dal/file-verification";
import { sparkleKey } from "../feeds/sparkle-key";
import { log } from "../log";
import { openObject } from "../storage/multipart";
import { digestObject } from "./object-digest";
import { NO_SIGNATURE, storeSignature, type SignaturePlan } from "./release-signatures";

export type VerifyReport = { verified: number; signed: number; mismatched: string[]; unreadable: string[] };
type FileToVerify = Awaited<ReturnType<typeof findFilesToVerify>>[number];

export async function verifyReleaseFiles(): Promise<VerifyReport> {
  const key = sparkleKey();
  const signingKey = key?.signer ? key.publicKeyBase64 : null;
  const report: VerifyReport = { verified: 0, signed: 0, mismatched: [], unreadable: [] };
  for (let batch = await findFilesToVerify(signingKey, ""); batch.length;) {
    for (const file of batch) {
      const signing = signingKey && file.edSignedBy !== signingKey ? storeSignature() : NO_SIGNATURE;
      try {
        await verifyFile(file, signing, report);
      } catch (error) {
        // Gone from the bucket, or the bucket not answering: the next run tries again.
        log.warn({ fileId: file.id, err: error }, "release file could not be read; left as it was");
        report.unreadable.push(file.id);
      }
    }
    batch = await findFilesToVerify(signingKey, batch[batch.length - 1].id);
  }
  return report;
}

async function verifyFile(file: FileToVerify, signing: SignaturePlan, report: VerifyReport) {
  const digest = await digestObject((await openObject(file.objectKey)).body, {
    partSize: null,
    sha512: true,
    also: signing.sinks,
  });
  if (digest.sha256 !== file.sha256 || digest.sizeBytes !== Number(file.sizeBytes)) {
    log.error({ fileId: file.id }, "release file's bytes differ from its recorded SHA-256; left as it was");
    report.mismatched.push(file.id);
    return;
  }
  const signature = await signing.finish(async () => (await openObject(file.objectKey)).body);
  if (await saveFileVerification(file.id, digest.sha256, { sha512: digest.sha512!, ...signature })) {
    report.verified += 1;
    if (signature) report.signed += 1;
  }
}
