// Download links through a CloudFront distribution in front of the private bucket (DOWNLOAD_CDN=
// cloudfront): a signed URL with a canned policy (the exact URL, until the link's expiry), signed
// with the RSA key of a public key in the distribution's trusted key group. The filename and type
// ride along as S3's own response-* parameters: the distribution forwards them (its cache policy
// names them), its origin access control signs the request to S3, and S3 answers with them as
// for a presigned GET. docs/deploy.md "Downloads through CloudFront" sets it up.
import "server-only";
import { getSignedUrl } from "@aws-sdk/cloudfront-signer";
import type { Env } from "../env-schema";
import { attachmentDisposition } from "./content-disposition";

type CloudFrontConfig = Pick<Env, "CLOUDFRONT_URL" | "CLOUDFRONT_KEY_PAIR_ID" | "CLOUDFRONT_PRIVATE_KEY">;
export type CloudFrontTarget = { objectKey: string; filename: string; contentType: string };

// RFC 3986 percent-encoding (spaces as %20, never "+"), segment by segment so "/" stays a separator.
const encodeKey = (key: string) => key.split("/").map(encodeURIComponent).join("/");

export function cloudFrontDownloadUrl(config: CloudFrontConfig, target: CloudFrontTarget, expiresAt: Date) {
  const base = config.CLOUDFRONT_URL!.replace(/\/+$/, "");
  const query = [
    `response-content-disposition=${encodeURIComponent(attachmentDisposition(target.filename))}`,
    `response-content-type=${encodeURIComponent(target.contentType)}`,
  ].join("&");
  return getSignedUrl({
    url: `${base}/${encodeKey(target.objectKey)}?${query}`,
    keyPairId: config.CLOUDFRONT_KEY_PAIR_ID!,
    privateKey: config.CLOUDFRONT_PRIVATE_KEY!,
    dateLessThan: expiresAt,
    algorithm: "SHA256",
  });
}
