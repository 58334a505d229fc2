import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../env";

let transport: Transporter | undefined;

export type MailMessage = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

export async function sendMail(message: MailMessage) {
  transport ??= nodemailer.createTransport(env().EMAIL_SERVER);
  const result = await transport.sendMail({ from: env().EMAIL_FROM, ...message });
  const failed = result.rejected ?? [];
  if (failed.length) throw new Error(`Mail to ${failed.length} recipient(s) could not be sent`);
}
