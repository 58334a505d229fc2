export type RouteContext = { params: Promise<Record<string, string | string[]>> };

// Path segments arrive percent-encoded on some servers and decoded on others; ids, slugs and
// versions never contain "%", so decoding twice is harmless.
export function decodeParams(params: Record<string, string | string[]>) {
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      Array.isArray(value) ? value.map(decode) : decode(value),
    ]),
  );
}

export const routeParams = async (context: RouteContext) => decodeParams((await context?.params) ?? {});

// "/api/v1/files/abc/parts" with { fileId: "abc" } → "POST /api/v1/files/[fileId]/parts": the
// audit names the route, never the caller's path, so refusals cannot mint audit keys at will.
export async function routeOf(request: Request, context: RouteContext) {
  const params = Object.entries(await routeParams(context));
  const segments = new URL(request.url).pathname.split("/").map((segment) => {
    const decoded = decodeParams({ segment }).segment;
    const param = params.find(([, value]) => value === decoded || value === segment);
    if (param) return `[${param[0]}]`;
    return /^[a-z0-9-]*$/.test(segment) ? segment : "*";
  });
  return `${request.method} ${segments.join("/")}`;
}
