import { execFileSync } from "node:child_process";

// Children stay in the parent's process group so a terminal's Ctrl-C reaches them as well;
// that rules out killing by group, so the tree is walked instead.

type Row = { pid: number; ppid: number; zombie: boolean };

function processTable(): Row[] | undefined {
  try {
    const out = execFileSync("ps", ["-A", "-o", "pid=,ppid=,stat="], { encoding: "utf8" });
    return out
      .trim()
      .split("\n")
      .map((line) => {
        const [pid, ppid, stat] = line.trim().split(/\s+/);
        return { pid: Number(pid), ppid: Number(ppid), zombie: stat.startsWith("Z") };
      });
  } catch {
    return undefined; // no `ps` (slim containers): only the direct child is handled
  }
}

export function descendants(root: number): number[] {
  const table = processTable() ?? [];
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    const children = table.filter((row) => row.ppid === parent).map((row) => row.pid);
    found.push(...children);
    queue.push(...children);
  }
  return found;
}

export function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

// Zombies count as gone: they hold no ports and only wait to be reaped.
export function alive(pids: number[]): number[] {
  const table = processTable();
  if (!table) return pids.filter(isRunning);
  const living = new Set(table.filter((row) => !row.zombie).map((row) => row.pid));
  return pids.filter((pid) => living.has(pid));
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
