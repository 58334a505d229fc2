// Builds being uploaded, kept in this browser's IndexedDB with their File, so a reloaded or
// reopened admin page resumes them without asking for the files again (what Uppy's Golden
// Retriever does). Chromium stores a File in IndexedDB as a copy of its bytes, so only files up
// to KEEP_FILE_BYTES are kept whole; a larger one, or one the storage quota refuses, is kept as
// its name, size and platform, and the page asks for it again (the server has its parts).
import type { Platform } from "../platforms";

export const KEEP_FILE_BYTES = 2_000_000_000;
const DATABASE = "downlink-uploads";
const STORE = "builds";

export type KeptBuild = {
  key: string; // release, platform, name and size: what the server resumes an upload by
  scope: string; // the release it goes into
  platform: Platform;
  filename: string;
  sizeBytes: number;
  paused: boolean;
  file?: File;
};

export const keptBuildKey = (scope: string, platform: Platform, file: { name: string; size: number }) =>
  `${scope}/${platform}/${file.size}/${file.name}`;

let opened: Promise<IDBDatabase> | null = null;
function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(STORE, { keyPath: "key" }).createIndex("scope", "scope");
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const transaction = (await database()).transaction(STORE, mode);
  const request = work(transaction.objectStore(STORE));
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

// Without IndexedDB (a private window in some browsers) nothing is kept: uploads still work and
// resume when the same file is chosen again.
export function buildKeeper(scope: string) {
  const available = typeof indexedDB !== "undefined";
  return {
    async list(): Promise<KeptBuild[]> {
      if (!available) return [];
      return run("readonly", (store) => store.index("scope").getAll(scope)).catch(() => []);
    },
    async keep(build: Omit<KeptBuild, "scope">): Promise<void> {
      if (!available) return;
      const record = { ...build, scope };
      const whole =
        build.file && build.file.size <= KEEP_FILE_BYTES ? record : { ...record, file: undefined };
      await run("readwrite", (store) => store.put(whole)).catch(() =>
        run("readwrite", (store) => store.put({ ...record, file: undefined })).catch(() => undefined),
      );
    },
    async setPaused(key: string, paused: boolean): Promise<void> {
      if (!available) return;
      const kept = await run("readonly", (store) => store.get(key) as IDBRequest<KeptBuild | undefined>);
      if (kept) await run("readwrite", (store) => store.put({ ...kept, paused })).catch(() => undefined);
    },
    async forget(key: string): Promise<void> {
      if (available) await run("readwrite", (store) => store.delete(key)).catch(() => undefined);
    },
  };
}

export type BuildKeeper = ReturnType<typeof buildKeeper>;
