import type { DailyCount } from "@/lib/dal/analytics";

// Downloads per day as bars, drawn on the server: no chart library, no client JavaScript.
export function DailyChart({ daily, label }: { daily: DailyCount[]; label: string }) {
  const width = 720;
  const height = 160;
  const max = Math.max(1, ...daily.map((row) => row.count));
  const slot = width / daily.length;
  const bar = Math.max(2, slot * 0.7);
  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height + 20}`} className="h-auto w-full" role="img" aria-label={label}>
        <line x1="0" x2={width} y1={height} y2={height} stroke="#e4e4e7" />
        {daily.map((row, index) => {
          const h = (row.count / max) * (height - 10);
          return (
            <rect
              key={row.day}
              x={index * slot + (slot - bar) / 2}
              y={height - h}
              width={bar}
              height={h}
              rx="2"
              fill="#4f46e5"
            >
              <title>{`${row.day}: ${row.count} download${row.count === 1 ? "" : "s"}`}</title>
            </rect>
          );
        })}
        <text x="0" y={height + 16} fontSize="11" fill="#71717a">
          {daily[0]?.day}
        </text>
        <text x={width} y={height + 16} fontSize="11" fill="#71717a" textAnchor="end">
          {daily.at(-1)?.day}
        </text>
        <text x="0" y="10" fontSize="11" fill="#71717a">
          {max}
        </text>
      </svg>
      <figcaption className="text-xs text-zinc-500">{label}</figcaption>
    </figure>
  );
}
