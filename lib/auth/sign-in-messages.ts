// Shown on the sign-in page and by its form; next-auth passes the error code in the URL.
export const INVALID_EMAIL_ERROR = "InvalidEmail"; // the code next-auth's answer carries for a refused address
export const INVALID_EMAIL_MESSAGE =
  "That email address is not valid. Enter one address, like you@example.com.";
export const RATE_LIMITED_MESSAGE = "Too many sign-in links were requested. Wait 15 minutes, then try again.";

// SIGN_IN_LINK_TTL_SECONDS in words for the mail and the check-email page, rounded down so that
// the promise is never longer than the link lives: 900 → "15 minutes", 86400 → "24 hours".
export function describeLinkLifetime(seconds: number): string {
  const [count, unit] =
    seconds % 3600 === 0 ? [seconds / 3600, "hour"] : [Math.floor(seconds / 60), "minute"];
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
