import { failureResponse } from "@/lib/http/answers";
import { isMediaInUse } from "@/lib/dal/store-settings";
import { log } from "@/lib/log";
import { failure } from "@/lib/result";
import { MEDIA_KEY, mediaTypeOf, readImage } from "@/lib/storage/media";
import { mediaKeyOf } from "@/lib/storage/object-keys";

type Context = { params: Promise<{ owner: string; file: string }> };

const notFound = () => failureResponse(failure("not_found", "There is no such image."));

// GET /media/<owner>/<random>.<ext>: a public image of the store (its logo), from the bucket.
// Served from the store's own origin rather than as presigned bucket URLs because link previews
// (OpenGraph cards) and caches need an address that never expires or changes, and the pages keep
// `img-src 'self'`. Keys are random and never reused, so an answer is immutable: the browser or a
// CDN keeps it for a year and the app streams each image about once per cache. Only the images
// the store uses now are served; builds and customers' files live under other prefixes, which
// this route never reads.
export async function GET(_request: Request, { params }: Context) {
  const { owner, file } = await params;
  const key = mediaKeyOf(owner, file);
  if (!MEDIA_KEY.test(key) || !(await isMediaInUse(key))) return notFound();
  try {
    const image = await readImage(key);
    return new Response(image.body, {
      headers: {
        "Content-Type": mediaTypeOf(key),
        "Cache-Control": "public, max-age=31536000, immutable",
        ...(image.size !== null && { "Content-Length": String(image.size) }),
      },
    });
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return notFound();
    log.warn({ err: error }, "store image could not be read from the bucket");
    return failureResponse(failure("unavailable", "The image is unavailable right now."), {
      "Cache-Control": "no-store",
      "Retry-After": "30",
    });
  }
}
