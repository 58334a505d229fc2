import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startMail } from "../scripts/embedded/mail";
import { freePort, type Service } from "../scripts/embedded/process";

let dataDir: string;
let mail: Service;
let smtpPort: number;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "downlink-mail-"));
  smtpPort = await freePort();
  mail = await startMail({ smtpPort, uiPort: await freePort(), dataDir });
});

afterAll(async () => {
  await mail?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it("catches mail sent over SMTP and lists it in the API", async () => {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false });
  await transport.sendMail({
    from: "shop@example.test",
    to: "buyer@example.test",
    subject: "Sign in",
    text: "hi",
  });
  // maildev answers the SMTP transaction before it has parsed and stored the message.
  await expect
    .poll(async () => {
      const messages = (await (await fetch(`${mail.url}/email`)).json()) as { subject: string }[];
      return messages.map((m) => m.subject);
    })
    .toContain("Sign in");
});
