import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";
import { mailBranding } from "./branding";

let transport: Transporter | undefined;

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
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
  const { from, replyTo } = await mailBranding();
  const result = await transport.sendMail({ from, replyTo, ...message });
  const failed = result.rejected ?? [];
  if (failed.length) throw new Error(`Mail to ${failed.length} recipient(s) could not be sent`);
}
