-- What update feeds need beyond the SHA-256: electron-updater's SHA-512 (base64) and Sparkle's
-- EdDSA signature with the public key that verifies it. Existing rows stay null until
-- `npm run files:verify` reads their objects again.
-- AlterTable
ALTER TABLE "ReleaseFile" ADD COLUMN     "edSignature" TEXT,
ADD COLUMN     "edSignedBy" TEXT,
ADD COLUMN     "sha512" TEXT;
