// `npm run uploads:cleanup [-- --hours 24]`: aborts multipart uploads nobody touched for that
// long (run it from cron or a scheduled job). The bucket's AbortIncompleteMultipartUpload
// lifecycle rule is the backstop for anything this misses. It also deletes the images under
// media/ that no product or setting names any more (lib/storage/media-sweep.ts).
import { cleanupAbandonedUploads } from "../lib/publishing/uploads";
import { sweepUnusedMedia } from "../lib/storage/media-sweep";

const flag = process.argv.indexOf("--hours");
const hours = flag > 0 ? Number(process.argv[flag + 1]) : 24;
if (!Number.isFinite(hours) || hours < 1) {
  console.error("--hours must be a number of at least 1");
  process.exit(2);
}
const aborted = await cleanupAbandonedUploads(new Date(Date.now() - hours * 3_600_000));
console.log(`aborted ${aborted} upload(s) idle for more than ${hours} h`);
const swept = await sweepUnusedMedia(new Date(Date.now() - 3_600_000));
console.log(`deleted ${swept} image(s) under media/ that nothing uses`);
