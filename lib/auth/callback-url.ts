// Only same-origin paths are followed after sign-in; anything else lands on the library.
export function safeCallbackPath(value: string | undefined | null, fallback = "/library") {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f]/.test(value)) {
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
