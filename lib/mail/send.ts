import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { storeBrand, type EmailSender } from "./store-brand";

let transport: Transporter | undefined;

export type MailMessage = Partial<EmailSender> & {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  messageId?: string; // the outbox's row id, so a copy resent after a crash reads as the same message
};

export async function sendMail(message: MailMessage) {
  // nodemailer waits minutes by default; a webhook handler that sends mail must finish well within
  // its claim on the event (lib/dal/stripe-events.ts), so a dead mail server fails fast instead.
  transport ??= nodemailer.createTransport({
    url: env().EMAIL_SERVER,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  // Composed messages name their sender already (lib/mail/compose.ts); any other is the store's.
  const sender = message.from ? {} : (await storeBrand()).sender;
  const result = await transport.sendMail({ ...sender, ...message });
  const failed = result.rejected ?? [];
  if (failed.length) throw new Error(`Mail to ${failed.length} recipient(s) could not be sent`);
}
