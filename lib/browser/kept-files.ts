// Files being uploaded, kept in this browser's IndexedDB with their File, so a reloaded or
// reopened admin page resumes them without asking for the files again (what Uppy's Golden
// Retriever does). Chromium stores a File in IndexedDB as a copy of its bytes, so only files up
// to KEEP_FILE_BYTES are kept whole; a larger one, or one the storage quota refuses, is kept as
// its name, size and details, and the page asks for it again (the server has its parts).

export const KEEP_FILE_BYTES = 2_000_000_000;
const DATABASE = "downlink-uploads";
const STORE = "builds";

// `Details`: what the admin gave the file besides its bytes (a build's platform, a customer
// file's title and note), which its upload is started with again after a reload.
export type KeptUpload<Details> = {
  key: string; // scope, what the server resumes by, name and size (keptUploadKey)
  scope: string; // the release or customer it goes to
  filename: string;
  sizeBytes: number;
  details: Details;
  paused: boolean;
  fileId?: string; // the server's upload, once started: what Cancel aborts
  file?: File;
};

// The server resumes an upload by its target, name and size, and a build by its platform too:
// `resumeBy` names those extra parts, so a key finds the same upload the server would.
export const keptUploadKey = (scope: string, resumeBy: string[], file: { name: string; size: number }) =>
  [scope, ...resumeBy, file.size, file.name].join("/");

let opened: Promise<IDBDatabase> | null = null;
function database(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 2);
    request.onupgradeneeded = (event) => {
      if (event.oldVersion < 1)
        request.result.createObjectStore(STORE, { keyPath: "key" }).createIndex("scope", "scope");
      // Version 1 kept only release builds, with their platform beside the name.
      else if (event.oldVersion < 2) {
        const cursors = request.transaction!.objectStore(STORE).openCursor();
        cursors.onsuccess = () => {
          const cursor = cursors.result;
          if (!cursor) return;
          const { platform, ...build } = cursor.value;
          cursor.update({ ...build, details: { platform } });
          cursor.continue();
        };
      }
    };
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
export function uploadKeeper<Details>(scope: string) {
  const available = typeof indexedDB !== "undefined";
  type Kept = KeptUpload<Details>;
  return {
    async list(): Promise<Kept[]> {
      if (!available) return [];
      return run("readonly", (store) => store.index("scope").getAll(scope)).catch(() => []);
    },
    async keep(upload: Omit<Kept, "scope">): Promise<void> {
      if (!available) return;
      const record = { ...upload, scope };
      const whole =
        upload.file && upload.file.size <= KEEP_FILE_BYTES ? record : { ...record, file: undefined };
      await run("readwrite", (store) => store.put(whole)).catch(() =>
        run("readwrite", (store) => store.put({ ...record, file: undefined })).catch(() => undefined),
      );
    },
    async setPaused(key: string, paused: boolean): Promise<void> {
      if (!available) return;
      const kept = await run("readonly", (store) => store.get(key) as IDBRequest<Kept | undefined>);
      if (kept) await run("readwrite", (store) => store.put({ ...kept, paused })).catch(() => undefined);
    },
    async forget(key: string): Promise<void> {
      if (available) await run("readwrite", (store) => store.delete(key)).catch(() => undefined);
    },
  };
}

export type UploadKeeper<Details> = ReturnType<typeof uploadKeeper<Details>>;
