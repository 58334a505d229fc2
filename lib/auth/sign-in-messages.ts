// Shown on the sign-in page and by its form; next-auth passes the error code in the URL.
export const RATE_LIMITED_MESSAGE = "Too many sign-in links were requested. Wait 15 minutes, then try again.";
