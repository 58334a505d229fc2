// "A new version is out", to each buyer inside their update window. Every one carries a signed
// unsubscribe link, and RFC 8058's one-click headers so mail clients offer it too.
import { Button, Heading, Link, Paragraph } from "../components/blocks";
import { accentOf, EmailLayout } from "../components/email-layout";
import { defineEmail } from "./email-template";

export type ReleaseEmail = {
  product: string;
  version: string;
  notes: string;
  unsubscribeUrl: string; // the confirmation page
  oneClickUrl: string; // the POST target for mail clients
};

// Release notes are plain text here: blank lines part paragraphs, single breaks stay breaks.
const paragraphs = (notes: string) =>
  notes
    .trim()
    .slice(0, 2000)
    .split(/\n\s*\n/)
    .filter(Boolean);

export const releaseEmail = defineEmail<ReleaseEmail>({
  subject: ({ product, version }) => `${product} ${version} is out`,
  headers: ({ oneClickUrl }) => ({
    "List-Unsubscribe": `<${oneClickUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  }),
  Email: ({ brand, product, version, notes, unsubscribeUrl }) => (
    <EmailLayout
      brand={brand}
      preview={`${product} ${version} is in your library now.`}
      note={
        <>
          You get this because you bought {product}. No more emails about it:{" "}
          <Link href={unsubscribeUrl}>unsubscribe</Link>
        </>
      }
    >
      <Heading>
        {product} {version} is out
      </Heading>
      {paragraphs(notes).map((paragraph, index) => (
        <Paragraph key={index}>
          {paragraph.split("\n").map((line, at) => (
            <span key={at}>
              {at > 0 && <br />}
              {line}
            </span>
          ))}
        </Paragraph>
      ))}
      <Paragraph>It is in your library now.</Paragraph>
      <Button href={`${brand.appUrl}/library`} accent={accentOf(brand)}>
        Open your library
      </Button>
    </EmailLayout>
  ),
});
