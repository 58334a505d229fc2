// "Your updates end soon", 30 and 7 days before a purchase's update window ends, and "have ended"
// once after. One button to the renewal page of this very purchase (it asks the buyer to sign in
// first when needed); a signed unsubscribe from these reminders only, with RFC 8058's one-click headers.
import { Button, Heading, Link, Paragraph } from "../components/blocks";
import { accentOf, EmailLayout } from "../components/email-layout";
import { defineEmail } from "./email-template";

export type RenewalReminderEmail = {
  product: string;
  tier: string | null;
  stage: "30_days" | "7_days" | "ended";
  endsOn: string; // the window's end, as the store writes dates
  renewUrl: string; // /account/renew/<entitlement>
  unsubscribeUrl: string; // the confirmation page
  oneClickUrl: string; // the POST target for mail clients
};

const WHEN = { "30_days": "end in 30 days", "7_days": "end in 7 days", ended: "have ended" } as const;

export const renewalReminderEmail = defineEmail<RenewalReminderEmail>({
  subject: ({ product, stage }) => `Updates for ${product} ${WHEN[stage]}`,
  headers: ({ oneClickUrl }) => ({
    "List-Unsubscribe": `<${oneClickUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  }),
  Email: ({ brand, product, tier, stage, endsOn, renewUrl, unsubscribeUrl }) => {
    const name = tier ? `${product} (${tier})` : product;
    return (
      <EmailLayout
        brand={brand}
        preview={stage === "ended" ? `Renew ${product} to get its new versions.` : `Renew before ${endsOn}.`}
        note={
          <>
            You get this because you bought {product}. No more renewal reminders about it:{" "}
            <Link href={unsubscribeUrl}>unsubscribe</Link>
          </>
        }
      >
        <Heading>
          Updates for {product} {WHEN[stage]}
        </Heading>
        <Paragraph>
          {stage === "ended"
            ? `Your updates for ${name} ended on ${endsOn}. Versions released since then are locked in your library.`
            : `Your updates for ${name} run until ${endsOn}. Versions released after that stay locked until you renew.`}
        </Paragraph>
        <Paragraph>The versions you already have keep working, with the same licence key.</Paragraph>
        <Button href={renewUrl} accent={accentOf(brand)}>
          {`Renew ${product}`}
        </Button>
      </EmailLayout>
    );
  },
});
