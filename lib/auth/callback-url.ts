// Only same-origin paths are followed after sign-in; anything else lands on the library.
export function safeCallbackPath(value: string | undefined | null, fallback = "/library") {
  if (
    !value ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\") ||
    /[\u0000-\u001f]/.test(value)
  ) {
    return fallback;
  }
  return value;
}

// next-auth's redirect callback: an absolute URL on the app's own origin keeps its path,
// everything else (other origins, protocol-relative, javascript:) becomes the library.
export function sameOriginRedirect(url: string, baseUrl: string, fallback = "/library") {
  const base = new URL(baseUrl);
  let path: string | undefined;
  if (url.startsWith("/")) path = url;
  else {
    try {
      const target = new URL(url);
      if (target.origin === base.origin) path = `${target.pathname}${target.search}${target.hash}`;
    } catch {
      path = undefined;
    }
  }
  return new URL(safeCallbackPath(path, fallback), base).href;
}

// The sign-in page's callbackUrl as a path: next-auth sends it back absolute after an error
// (`/signin?callbackUrl=https://store/…&error=…`), so an absolute URL on the app's origin keeps its
// path too; anything else is the library.
export function callbackPathOf(value: string | undefined | null, baseUrl: string, fallback = "/library") {
  const url = new URL(sameOriginRedirect(value ?? "", baseUrl, fallback));
  return `${url.pathname}${url.search}${url.hash}`;
}
