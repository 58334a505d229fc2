// Only same-origin paths are followed after sign-in; anything else lands on the library.
export function safeCallbackPath(value: string | undefined | null, fallback = "/library") {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}
