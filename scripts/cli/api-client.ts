// The CLI's only way into Downlink: JSON over HTTP to /api/v1 with a bearer token. It never
// imports server code, so it runs on any machine that can reach the app.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type ApiClient = ReturnType<typeof createApiClient>;

export function createApiClient(options: { baseUrl: string; token: string; fetch?: typeof fetch }) {
  const base = options.baseUrl.replace(/\/+$/, "");
  const send = options.fetch ?? fetch;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await send(`${base}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: "application/json",
          ...(body !== undefined && { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as Error).cause as { code?: string; message?: string } | undefined;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new ApiError(0, "unreachable", `Cannot reach ${base} (${reason}). Is DOWNLINK_URL right?`);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let data: { error?: string; message?: string } | undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    if (!response.ok) {
      throw new ApiError(
        response.status,
        data?.error ?? "http_error",
        data?.message ?? `${method} ${path} answered HTTP ${response.status}.`,
      );
    }
    return data as T;
  }

  return {
    get: <T>(path: string) => request<T>("GET", path),
    post: <T>(path: string, body?: unknown) => request<T>("POST", path, body),
    put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body),
  };
}
