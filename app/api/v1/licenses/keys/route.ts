import { publishedLicenseKeys } from "@/lib/licensing/signing-keys";

// The public halves of the store's licence-signing keys, by id: what an app needs to verify a
// licence file or a signed answer. Ship them inside the app too (docs/licences.md): a key fetched
// from the server it is meant to check proves nothing against a spoofed one.
export async function GET() {
  return Response.json(
    { keys: publishedLicenseKeys() },
    { headers: { "Cache-Control": "public, max-age=3600" } },
  );
}
