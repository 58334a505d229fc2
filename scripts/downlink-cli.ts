// `npm run downlink -- <command>`: publish builds and share links from a terminal or CI.
// Talks only HTTP to a running Downlink (DOWNLINK_URL) with an API token (DOWNLINK_TOKEN)
// created on the admin's API tokens page. Exit codes: 0 ok, 1 API error, 2 usage error.
import { parseArgs } from "node:util";
import type { ApiRelease, ApiShareLink } from "../lib/publishing/api-types";
import { ApiError, createApiClient } from "./cli/api-client";
import { attachCommand } from "./cli/attach-command";
import { guessPlatform, PLATFORM_CHOICES, parsePlatform } from "../lib/platforms";
import { uploadCommand } from "./cli/upload-command";

const usage = `Usage: downlink <command> [options]

Commands:
  upload <file> --product <slug> --version <version> [--platform <platform>]
         [--channel stable|beta] [--notes <text>]
         [--sparkle-key <key file> | --ed-signature <base64>]
      Upload a build into a draft release (created if needed). Interrupted uploads
      resume when the same command runs again. Prints the file id, size and SHA-256.
      --sparkle-key signs the build here with your Sparkle key (the file that
      Sparkle's generate_keys -x exports); --ed-signature sends one sign_update made.
      The store checks either against SPARKLE_ED25519_PUBLIC_KEY (docs/updates.md).
      Platforms: windows_x64, windows_arm64, windows_universal, macos_x64,
      macos_arm64, macos_universal, linux_x64, linux_arm64, linux_universal (also
      written as Windows, macOS arm64, linux-x64, darwin-arm64, …; no architecture
      means universal). Without --platform it is read from the file name.
  publish <product> <version>
      Publish a draft release: customers who own the product can download it.
  presign <product>/<version>/<filename> [--expires-in <seconds>]
      Print a presigned download URL (default 1 hour, at most 604800 = 7 days).
  attach <file> --customer <email> --title <title> [--note <text>]
      Give one customer a file of their own (a licence file, an invoice): only they see
      it, in their library, and they are emailed. Needs a customer-files token.

Environment:
  DOWNLINK_URL    the store's address (default http://localhost:3000)
  DOWNLINK_TOKEN  an API token (dl_…) from the admin's API tokens page (a publishing
                  token, or a customer-files token for attach)
`;

class UsageError extends Error {}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        help: { type: "boolean", short: "h" },
        product: { type: "string" },
        version: { type: "string" },
        platform: { type: "string" },
        channel: { type: "string" },
        notes: { type: "string" },
        "expires-in": { type: "string" },
        customer: { type: "string" },
        title: { type: "string" },
        note: { type: "string" },
        "sparkle-key": { type: "string" },
        "ed-signature": { type: "string" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function required(value: string | undefined, what: string) {
  if (!value) throw new UsageError(`Missing ${what}.`);
  return value;
}

async function main(argv: string[]) {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(usage);
    return command || values.help ? 0 : 2;
  }
  if (!["upload", "publish", "presign", "attach"].includes(command))
    throw new UsageError(`Unknown command "${command}".`);

  const token = process.env.DOWNLINK_TOKEN;
  if (!token)
    throw new UsageError("Set DOWNLINK_TOKEN to an API token (create one on the admin's API tokens page).");
  const api = createApiClient({ baseUrl: process.env.DOWNLINK_URL || "http://localhost:3000", token });

  if (command === "publish") {
    if (rest.length !== 2) throw new UsageError("Usage: downlink publish <product> <version>");
    const [product, version] = rest;
    const release = await api.get<ApiRelease>(
      `/products/${encodeURIComponent(product)}/releases/${encodeURIComponent(version)}`,
    );
    const published = await api.post<ApiRelease>(`/releases/${release.id}/publish`);
    process.stdout.write(`${published.product} ${published.version} is ${published.status}\n`);
    return 0;
  }

  if (command === "presign") {
    const parts = rest.length === 1 ? rest[0].split("/") : [];
    if (parts.length !== 3 || parts.some((part) => !part))
      throw new UsageError("Usage: downlink presign <product>/<version>/<filename>");
    const expiresIn = values["expires-in"] === undefined ? undefined : Number(values["expires-in"]);
    if (expiresIn !== undefined && !(Number.isInteger(expiresIn) && expiresIn >= 1 && expiresIn <= 604_800)) {
      throw new UsageError("--expires-in must be a whole number of seconds from 1 to 604800 (7 days).");
    }
    const [product, version, filename] = parts;
    const link = await api.post<ApiShareLink>("/presign", {
      product,
      version,
      filename,
      ...(expiresIn && { expiresIn }),
    });
    process.stdout.write(`${link.url}\n`);
    return 0;
  }

  if (command === "attach") {
    if (rest.length !== 1)
      throw new UsageError("Usage: downlink attach <file> --customer <email> --title <title>");
    await attachCommand(api, {
      file: rest[0],
      customer: required(values.customer, "--customer <email>"),
      title: required(values.title, "--title <title>"),
      note: values.note,
    });
    return 0;
  }

  if (rest.length !== 1)
    throw new UsageError("Usage: downlink upload <file> --product <slug> --version <version>");
  if (values["sparkle-key"] && values["ed-signature"])
    throw new UsageError("Give --sparkle-key or --ed-signature, not both.");
  const channel = values.channel ?? "stable";
  if (channel !== "stable" && channel !== "beta") throw new UsageError("--channel must be stable or beta.");
  // Read here as the API reads it, so a typo stops before anything is created.
  const platform = values.platform === undefined ? guessPlatform(rest[0]) : parsePlatform(values.platform);
  if (!platform)
    throw new UsageError(
      values.platform === undefined
        ? `Cannot tell the platform from the file name; pass --platform, ${PLATFORM_CHOICES}.`
        : `--platform "${values.platform}" is not a platform; use ${PLATFORM_CHOICES}.`,
    );
  await uploadCommand(api, {
    file: rest[0],
    product: required(values.product, "--product <slug>"),
    version: required(values.version, "--version <version>"),
    platform,
    channel,
    notes: values.notes,
    sparkleKeyFile: values["sparkle-key"],
    edSignature: values["ed-signature"],
  });
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\nRun with --help for usage.\n`);
    process.exitCode = 2;
  } else if (error instanceof ApiError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exitCode = 1;
  } else if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 2;
  } else {
    // Bucket or network failures during an upload: the message is enough, and resuming works.
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
