import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { isRunning } from "./proctree";

// Two servers on one data directory both start and silently lose each other's writes (PGlite
// does no locking of its own), so the pid of the server using it is kept beside the directory
// (inside, s3rver would list the file as a bucket).
const lockFile = (dir: string) => `${dir.replace(/\/+$/, "")}.pid`;

export function assertDirUnused(dir: string, name: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(lockFile(dir), "utf8"));
  } catch {
    return;
  }
  if (pid > 0 && pid !== process.pid && isRunning(pid)) {
    throw new Error(
      `${name}: ${dir} is already used by process ${pid}; stop it first (or delete ${lockFile(dir)} if that pid is not a ${name} server)`,
    );
  }
}

export function claimDir(dir: string, pid: number): () => void {
  writeFileSync(lockFile(dir), String(pid));
  return () => {
    try {
      if (readFileSync(lockFile(dir), "utf8") === String(pid)) rmSync(lockFile(dir));
    } catch {
      // already released
    }
  };
}
