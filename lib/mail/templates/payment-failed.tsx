// A delayed payment (a bank transfer) that failed after checkout: nothing was charged or granted.
import { Button, Heading, Paragraph } from "../components/blocks";
import { accentOf, EmailLayout } from "../components/email-layout";
import { defineEmail } from "./email-template";

export type PaymentFailedEmail = Record<string, never>;

export const paymentFailedEmail = defineEmail<PaymentFailedEmail>({
  subject: (_, brand) => `Your ${brand.name} payment did not go through`,
  Email: ({ brand }) => (
    <EmailLayout brand={brand} preview="Nothing was charged. You can try again with another payment method.">
      <Heading>Your payment did not go through</Heading>
      <Paragraph>
        Your bank transfer for a {brand.name} purchase failed, so nothing was charged and no access was
        granted. You can try again with another payment method.
      </Paragraph>
      <Button href={brand.appUrl} accent={accentOf(brand)}>
        Back to the store
      </Button>
    </EmailLayout>
  ),
});
