// Every shape a sign-in request for one inbox can take, for the flood in
// e2e/sign-in-security.spec.ts. next-auth reads JSON and urlencoded bodies (by a substring of the
// Content-Type, the last of duplicate fields winning) and normalises the address itself; the
// limit must count what it mails, whatever the shape. `target` must start with "k" (the Kelvin
// sign lower-cases to it).
import type { SignInBody } from "./auth-http";

const FORM = "application/x-www-form-urlencoded";
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString();
const rest = (csrfToken: string, json = true): [string, string][] => [
  ["csrfToken", csrfToken],
  ["callbackUrl", "/library"],
  ...(json ? ([["json", "true"]] as [string, string][]) : []),
];
const asJson = (email: unknown, csrfToken: string) =>
  JSON.stringify({ email, csrfToken, callbackUrl: "/library", json: "true" });

export function signInBodies(target: string, decoy: string): SignInBody[] {
  return [
    { shape: "form", contentType: FORM, body: (token) => form([["email", target], ...rest(token)]) },
    {
      shape: "form without json=true (a browser's post)",
      contentType: FORM,
      body: (token) => form([["email", target], ...rest(token, false)]),
    },
    {
      shape: "form, a decoy address first and the inbox last",
      contentType: FORM,
      body: (token) => form([["email", decoy], ["email", target], ...rest(token)]),
    },
    { shape: "JSON", contentType: "application/json", body: (token) => asJson(target, token) },
    {
      shape: "JSON with a charset",
      contentType: "application/json; charset=utf-8",
      body: (token) => asJson(target, token),
    },
    {
      shape: "JSON, capitals and spaces",
      contentType: "application/json",
      body: (token) => asJson(`  ${target.toUpperCase()} `, token),
    },
    {
      shape: "JSON, Kelvin sign for k",
      contentType: "application/json",
      body: (token) => asJson(target.replace(/^k/, "\u212a"), token),
    },
    {
      shape: "form under text/plain that names the form type",
      contentType: `text/plain; x=${FORM}`,
      body: (token) => form([["email", target], ...rest(token)]),
    },
    {
      shape: "multipart form",
      body: (token) => {
        const data = new FormData();
        for (const [name, value] of [["email", target], ...rest(token)]) data.append(name, value);
        return data;
      },
    },
    {
      shape: "JSON, the address in an array",
      contentType: "application/json",
      body: (token) => asJson([target], token),
    },
  ];
}
