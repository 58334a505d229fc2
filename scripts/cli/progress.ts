// Upload progress on stderr: one line redrawn in place on a terminal, a line every few
// percent otherwise (CI logs, pipes).
import type { UploadProgress } from "../../lib/browser/multipart-client";
import { formatBytes, formatSpeed } from "../../lib/format";

function clock(seconds: number) {
  if (!Number.isFinite(seconds)) return "--:--";
  const s = Math.round(seconds);
  const [h, m] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60)];
  const mmss = `${String(m).padStart(h ? 2 : 1, "0")}:${String(s % 60).padStart(2, "0")}`;
  return h ? `${h}:${mmss}` : mmss;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr) {
  let lastPrintedPercent = -Infinity;
  let drawn = false;
  return {
    update({ uploadedBytes, totalBytes, bytesPerSecond, secondsLeft }: UploadProgress) {
      const percent = totalBytes ? Math.floor((uploadedBytes / totalBytes) * 100) : 100;
      const line = `${String(percent).padStart(3)}%  ${formatBytes(uploadedBytes)}/${formatBytes(totalBytes)}  ${formatSpeed(bytesPerSecond)}  ${clock(secondsLeft)} left`;
      if (stream.isTTY) {
        stream.write(`\r${line}\x1b[K`);
        drawn = true;
      } else if (percent >= lastPrintedPercent + 5 || (percent === 100 && lastPrintedPercent < 100)) {
        stream.write(`${line}\n`);
        lastPrintedPercent = percent;
      }
    },
    end() {
      if (drawn) stream.write("\n");
    },
  };
}

// The whole run's average, for the summary line (the live figure covers the last seconds).
export function averageSpeed(bytes: number, startedAt: number) {
  const seconds = Math.max((performance.now() - startedAt) / 1000, 0.001);
  return `${formatBytes(bytes)} in ${seconds.toFixed(1)} s (${formatSpeed(bytes / seconds)})`;
}
