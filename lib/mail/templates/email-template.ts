import type { ReactElement } from "react";
import type { EmailBrand } from "../components/email-layout";

// One kind of email: its subject and its body, both from the same props and the store's brand.
// Headers are for what mail clients act on (List-Unsubscribe); the body is lib/mail/render.ts's.
export type EmailTemplate<Props> = {
  subject: (props: Props, brand: EmailBrand) => string;
  Email: (props: Props & { brand: EmailBrand }) => ReactElement;
  headers?: (props: Props) => Record<string, string>;
};

export const defineEmail = <Props>(template: EmailTemplate<Props>) => template;
