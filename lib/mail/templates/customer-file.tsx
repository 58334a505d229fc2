// "A file is waiting for you": names the file, never links to it directly. The button opens the
// library, where the download goes through sign-in and the usual checks.
import { formatBytes } from "../../format";
import { Button, Details, Heading, Paragraph, Row } from "../components/blocks";
import { accentOf, EmailLayout } from "../components/email-layout";
import { defineEmail } from "./email-template";

export type CustomerFileEmail = {
  email: string;
  title: string;
  filename: string;
  sizeBytes: number;
  note: string;
};

export const customerFileEmail = defineEmail<CustomerFileEmail>({
  subject: ({ title }) => `A file for you: ${title}`,
  Email: ({ brand, email, title, filename, sizeBytes, note }) => (
    <EmailLayout brand={brand} preview={`${title} is in your library, for you only.`}>
      <Heading>A file for you</Heading>
      <Paragraph>{brand.name} added a file to your library, for you only.</Paragraph>
      <Details>
        <Row label={title} kind="heading" />
        <Row label="File" value={filename} kind="code" />
        <Row label="Size" value={formatBytes(sizeBytes)} />
      </Details>
      {note && <Paragraph>{note}</Paragraph>}
      <Button href={`${brand.appUrl}/library`} accent={accentOf(brand)}>
        Open your library
      </Button>
      <Paragraph muted>Sign in with {email} to download it.</Paragraph>
    </EmailLayout>
  ),
});
