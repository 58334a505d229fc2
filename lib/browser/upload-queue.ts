// Several files uploading from an admin page (a release's builds, a customer's files): each file
// is its own multipart upload (lib/browser/multipart-client.ts), at most `concurrency` at a time,
// each paused, resumed and cancelled on its own. Files are kept in IndexedDB (./kept-files.ts)
// until they are done, so a reload resumes them; the server's recorded parts say what is left to
// send. No React here: the page subscribes to snapshots.
import { keptUploadKey, type UploadKeeper } from "./kept-files";
import { uploadParts } from "./multipart-client";
import { chosenItem, keptItem, type QueueItem, type UploadKind, type UploadTransport } from "./queue-items";

export type { QueueItem, UploadKind, UploadTransport } from "./queue-items";

type QueueOptions = {
  concurrency?: number;
  partConcurrency?: number;
  onFilesChanged?: () => void; // the server's list changed: a file finished or an upload was cancelled
};

export class UploadQueue<Details> {
  private items: QueueItem<Details>[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly running = new Map<string, AbortController>();
  private nextId = 0;
  private restored = false;

  constructor(
    private readonly scope: string,
    private readonly kind: UploadKind<Details>,
    private readonly transport: UploadTransport<Details>,
    private readonly keeper: UploadKeeper<Details>,
    private readonly options: QueueOptions = {},
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  snapshot = () => this.items;

  private publish(items: QueueItem<Details>[]) {
    this.items = items;
    this.listeners.forEach((listener) => listener());
  }
  private change(id: string, patch: Partial<QueueItem<Details>>) {
    this.publish(this.items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }
  private find = (id: string) => this.items.find((item) => item.id === id);
  private keyOf = (item: QueueItem<Details>) =>
    keptUploadKey(this.scope, this.kind.resumeBy(item.details), {
      name: item.filename,
      size: item.sizeBytes,
    });

  // Dropped or chosen files; a file the page was waiting for (kept without its bytes) takes its place.
  add(files: File[]) {
    for (const file of files) {
      const waiting = this.items.find(
        (item) => item.phase === "missing" && item.filename === file.name && item.sizeBytes === file.size,
      );
      if (waiting) {
        this.change(waiting.id, { file, phase: "queued", message: null });
        continue;
      }
      this.publish([
        ...this.items,
        chosenItem(`upload-${this.nextId++}`, file, this.kind.initialDetails(file)),
      ]);
    }
    this.pump();
  }

  // What this browser kept from before a reload: running uploads continue, paused ones wait.
  async restore() {
    if (this.restored) return;
    this.restored = true;
    const kept = await this.keeper.list();
    const known = new Set(this.items.map((item) => this.keyOf(item)));
    const restored = kept
      .filter((upload) => !known.has(upload.key))
      .map((upload) => keptItem(`upload-${this.nextId++}`, upload));
    this.publish([...this.items, ...restored]);
    this.pump();
  }

  setDetails(id: string, details: Partial<Details>) {
    const item = this.find(id);
    if (item?.phase === "ready") this.change(id, { details: { ...item.details, ...details } });
  }

  // Queues every chosen file whose details are complete; another stays, saying what it lacks.
  startAll() {
    for (const item of this.items.filter((candidate) => candidate.phase === "ready")) {
      const missing = this.kind.missingDetails(item.details);
      this.change(item.id, missing ? { message: missing } : { phase: "queued", message: null });
    }
    this.pump();
  }

  pause(id: string) {
    const item = this.find(id);
    if (item?.phase === "queued") this.change(id, { phase: "paused" });
    this.running.get(id)?.abort();
    if (item) void this.keeper.setPaused(this.keyOf(item), true);
  }

  resume(id: string) {
    const item = this.find(id);
    if (!item || (item.phase !== "paused" && item.phase !== "failed")) return;
    this.change(id, { phase: "queued", message: null });
    void this.keeper.setPaused(this.keyOf(item), false);
    this.pump();
  }

  // Takes a file off the list: one not started or done just goes; a started upload is stopped and
  // aborted on the server, so it leaves no parts behind. Not while the server verifies it.
  remove(id: string) {
    const item = this.find(id);
    if (!item || item.phase === "verifying") return;
    this.publish(this.items.filter((candidate) => candidate.id !== id));
    if (this.running.has(id))
      this.running.get(id)!.abort(); // upload() discards it once it stops
    else if (item.phase !== "done") void this.discard(item, item.fileId);
  }

  private async discard(item: QueueItem<Details>, fileId: string | null) {
    await this.keeper.forget(this.keyOf(item));
    if (!fileId) return;
    // Best effort: an upload left open is removed by `npm run uploads:cleanup`.
    await this.transport.abort(fileId).catch(() => undefined);
    this.options.onFilesChanged?.();
  }

  private pump() {
    const slots = (this.options.concurrency ?? 3) - this.running.size;
    const next = this.items
      .filter((item) => item.phase === "queued" && item.file)
      .slice(0, Math.max(0, slots));
    for (const item of next) void this.upload(item);
  }

  private async upload(item: QueueItem<Details>) {
    const controller = new AbortController();
    this.running.set(item.id, controller);
    const file = item.file!;
    let fileId = item.fileId;
    this.change(item.id, { phase: "uploading", message: null });
    try {
      const fields = { filename: file.name, sizeBytes: file.size, contentType: file.type || undefined };
      const started = await this.transport.start({ ...item.details, ...fields });
      fileId = started.fileId;
      this.change(item.id, { fileId });
      await this.keeper.keep({
        key: this.keyOf(item),
        filename: file.name,
        sizeBytes: file.size,
        details: item.details,
        paused: false,
        fileId,
        file,
      });
      await uploadParts({
        source: { size: file.size, slice: (start, end) => file.slice(start, end) },
        partSize: started.partSize,
        partCount: started.partCount,
        completedParts: started.completedParts.map((part) => part.partNumber),
        getPartUrls: (partNumbers) => this.transport.presign(started.fileId, partNumbers),
        onPartDone: (part) => this.transport.record(started.fileId, part),
        onProgress: (progress) => this.change(item.id, { progress }),
        concurrency: this.options.partConcurrency ?? 2,
        signal: controller.signal,
      });
      controller.signal.throwIfAborted();
      this.change(item.id, { phase: "verifying" });
      const done = await this.transport.complete(started.fileId);
      await this.keeper.forget(this.keyOf(item));
      this.change(item.id, { phase: "done", sha256: done.sha256, message: null });
      this.options.onFilesChanged?.();
    } catch (error) {
      if (!this.find(item.id)) await this.discard(item, fileId);
      else if (controller.signal.aborted) this.change(item.id, { phase: "paused" });
      else this.change(item.id, { phase: "failed", message: (error as Error).message });
    } finally {
      this.running.delete(item.id);
      this.pump();
    }
  }
}
