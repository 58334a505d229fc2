// Several builds of one release uploading from the admin page: each file is its own multipart
// upload (lib/browser/multipart-client.ts), at most `concurrency` at a time, each paused and
// resumed on its own. Files are kept in IndexedDB (./kept-files.ts) until they are done, so a
// reload resumes them; the server's recorded parts say what is left to send. No React here: the
// page subscribes to snapshots.
import type { Platform } from "../platforms";
import { keptBuildKey, type BuildKeeper } from "./kept-files";
import { uploadParts } from "./multipart-client";
import { chosenItem, keptItem, type QueueItem, type UploadTransport } from "./queue-items";

export type { QueueItem, UploadTransport } from "./queue-items";

export class UploadQueue {
  private items: QueueItem[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly running = new Map<string, AbortController>();
  private nextId = 0;
  private restored = false;

  constructor(
    private readonly scope: string,
    private readonly transport: UploadTransport,
    private readonly keeper: BuildKeeper,
    private readonly options: { concurrency?: number; partConcurrency?: number; onDone?: () => void } = {},
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };
  snapshot = () => this.items;

  private publish(items: QueueItem[]) {
    this.items = items;
    this.listeners.forEach((listener) => listener());
  }
  private change(id: string, patch: Partial<QueueItem>) {
    this.publish(this.items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }
  private find = (id: string) => this.items.find((item) => item.id === id);
  private keyOf = (item: QueueItem) =>
    keptBuildKey(this.scope, item.platform!, { name: item.filename, size: item.sizeBytes });

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
      this.publish([...this.items, chosenItem(`upload-${this.nextId++}`, file)]);
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
      .filter((build) => !known.has(build.key))
      .map((build) => keptItem(`upload-${this.nextId++}`, build));
    this.publish([...this.items, ...restored]);
    this.pump();
  }

  setPlatform(id: string, platform: Platform | null) {
    if (this.find(id)?.phase === "ready") this.change(id, { platform });
  }

  // Queues every chosen file that has a platform; a file without one stays, saying so.
  startAll() {
    for (const item of this.items.filter((candidate) => candidate.phase === "ready")) {
      if (item.platform) this.change(item.id, { phase: "queued", message: null });
      else this.change(item.id, { message: "Choose the platform this build is for." });
    }
    this.pump();
  }

  pause(id: string) {
    const item = this.find(id);
    if (item?.phase === "queued") this.change(id, { phase: "paused" });
    this.running.get(id)?.abort();
    if (item?.platform) void this.keeper.setPaused(this.keyOf(item), true);
  }

  resume(id: string) {
    const item = this.find(id);
    if (!item || (item.phase !== "paused" && item.phase !== "failed")) return;
    this.change(id, { phase: "queued", message: null });
    void this.keeper.setPaused(this.keyOf(item), false);
    this.pump();
  }

  // Takes a file off the list before it started or once it is paused, failed or done. A started
  // upload stays open on the server: choosing the file again resumes it, cleanup removes it.
  remove(id: string) {
    const item = this.find(id);
    if (!item || this.running.has(id)) return;
    if (item.platform) void this.keeper.forget(this.keyOf(item));
    this.publish(this.items.filter((candidate) => candidate.id !== id));
  }

  private pump() {
    const slots = (this.options.concurrency ?? 3) - this.running.size;
    const next = this.items
      .filter((item) => item.phase === "queued" && item.file)
      .slice(0, Math.max(0, slots));
    for (const item of next) void this.upload(item);
  }

  private async upload(item: QueueItem) {
    const controller = new AbortController();
    this.running.set(item.id, controller);
    const file = item.file!;
    const platform = item.platform!;
    this.change(item.id, { phase: "uploading", message: null });
    try {
      const build = {
        platform,
        filename: file.name,
        sizeBytes: file.size,
        contentType: file.type || undefined,
      };
      const started = await this.transport.start(build);
      await this.keeper.keep({
        key: this.keyOf(item),
        platform,
        filename: file.name,
        sizeBytes: file.size,
        paused: false,
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
      this.change(item.id, { phase: "verifying" });
      const done = await this.transport.complete(started.fileId);
      await this.keeper.forget(this.keyOf(item));
      this.change(item.id, { phase: "done", sha256: done.sha256, message: null });
      this.options.onDone?.();
    } catch (error) {
      if (controller.signal.aborted) this.change(item.id, { phase: "paused" });
      else this.change(item.id, { phase: "failed", message: (error as Error).message });
    } finally {
      this.running.delete(item.id);
      this.pump();
    }
  }
}
