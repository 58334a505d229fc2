// The sign-in link. It is a credential: it goes into this message and nowhere else.
import { Button, Heading, Paragraph } from "../components/blocks";
import { accentOf, EmailLayout } from "../components/email-layout";
import { defineEmail } from "./email-template";

// `lifetime` is SIGN_IN_LINK_TTL_SECONDS in words ("15 minutes").
export type SignInEmail = { url: string; host: string; lifetime: string };

export const signInEmail = defineEmail<SignInEmail>({
  subject: (_, brand) => `Sign in to ${brand.name}`,
  Email: ({ brand, url, host, lifetime }) => (
    <EmailLayout
      brand={brand}
      preview={`Your sign-in link for ${host}. It works once and expires in ${lifetime}.`}
      note="If you did not ask for this email, you can ignore it: nobody can sign in without the link."
    >
      <Heading>Sign in to {brand.name}</Heading>
      <Paragraph>
        Use the button to sign in to {host}. The link works once and expires in {lifetime}.
      </Paragraph>
      <Button href={url} accent={accentOf(brand)} spelt>
        Sign in
      </Button>
    </EmailLayout>
  ),
});
