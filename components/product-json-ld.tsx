import { headers } from "next/headers";

// schema.org Product markup for search engines. A data block, but still a <script>: it carries
// the request's CSP nonce like every other script, and "<" is escaped so no text in the product
// can close the tag.
export async function ProductJsonLd({ data }: { data: Record<string, unknown> }) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const json = JSON.stringify({ "@context": "https://schema.org", ...data }).replace(/</g, "\\u003c");
  return <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: json }} />;
}
