// Draws the demo products' covers and screenshots (SVG, rendered to WebP) into this folder; the seed
// stores the committed WebP files. Run again after changing a drawing: `node prisma/seed/media/draw.mjs`.
// Needs `sharp` (Next.js's optional image dependency, present in most installs); the app never does.
import path from "node:path";
import sharp from "sharp";

const font = "font-family='DejaVu Sans, Liberation Sans, sans-serif'";
const mono = "font-family='DejaVu Sans Mono, Liberation Mono, monospace'";
const text = (x, y, size, fill, body, extra = "") =>
  `<text x='${x}' y='${y}' font-size='${size}' fill='${fill}' ${font} ${extra}>${body}</text>`;
const code = (x, y, size, fill, body, extra = "") =>
  `<text x='${x}' y='${y}' font-size='${size}' fill='${fill}' ${mono} ${extra}>${body}</text>`;
const palette = ["#4f46e5", "#7c3aed", "#db2777", "#f59e0b", "#10b981", "#0ea5e9"];

// A seamless field of rotated kites: Tessellate's motif, repeated in a p4-like symmetry.
function pattern(x0, y0, w, h, cell, colors, opacity = 1) {
  let out = `<g opacity='${opacity}'>`;
  for (let y = 0; y < h; y += cell)
    for (let x = 0; x < w; x += cell) {
      const i = (x / cell + y / cell) % 4;
      const cx = x0 + x + cell / 2;
      const cy = y0 + y + cell / 2;
      const c = colors[(x / cell + 2 * (y / cell)) % colors.length];
      const r = cell / 2;
      out += `<g transform='rotate(${i * 90} ${cx} ${cy})'>`;
      out += `<path d='M${cx - r} ${cy - r} L${cx + r} ${cy - r} L${cx} ${cy} Z' fill='${c}'/>`;
      out += `<path d='M${cx - r} ${cy - r} L${cx} ${cy} L${cx - r} ${cy + r} Z' fill='${c}' opacity='0.55'/>`;
      out += `<circle cx='${cx + r / 2}' cy='${cy + r / 2}' r='${r / 4}' fill='white' opacity='0.7'/></g>`;
    }
  return `${out}</g>`;
}

function windowFrame(w, h, title, dark = false) {
  const bar = dark ? "#18181b" : "#f4f4f5";
  return `<rect width='${w}' height='${h}' rx='14' fill='${dark ? "#09090b" : "#ffffff"}'/>
  <rect width='${w}' height='44' rx='14' fill='${bar}'/><rect y='30' width='${w}' height='14' fill='${bar}'/>
  <circle cx='24' cy='22' r='7' fill='#f87171'/><circle cx='46' cy='22' r='7' fill='#fbbf24'/><circle cx='68' cy='22' r='7' fill='#34d399'/>
  ${text(w / 2, 28, 15, dark ? "#a1a1aa" : "#52525b", title, "text-anchor='middle'")}`;
}

const svg = (w, h, body) =>
  `<svg xmlns='http://www.w3.org/2000/svg' width='${w}' height='${h}'>${body}</svg>`;
const backdrop = (w, h, from, to) => `<defs><linearGradient id='bg' x1='0' y1='0' x2='1' y2='1'>
  <stop offset='0' stop-color='${from}'/><stop offset='1' stop-color='${to}'/></linearGradient></defs>
  <rect width='${w}' height='${h}' fill='url(#bg)'/>`;

function tessellateEditor(dark) {
  const groups = ["p1", "p2", "pm", "pg", "cm", "pmm", "p4", "p4m", "p6", "p6m"];
  const fg = dark ? "#e4e4e7" : "#27272a";
  const panel = dark ? "#18181b" : "#fafafa";
  let side = `<rect x='0' y='44' width='200' height='716' fill='${panel}'/>`;
  side += text(20, 80, 13, "#71717a", "SYMMETRY GROUP", "font-weight='bold'");
  groups.forEach((g, i) => {
    const y = 96 + i * 38;
    if (g === "p4m") side += `<rect x='10' y='${y}' width='180' height='30' rx='6' fill='#4f46e5'/>`;
    side += text(24, y + 21, 15, g === "p4m" ? "#fff" : fg, g);
  });
  let inspector = `<rect x='1000' y='44' width='240' height='716' fill='${panel}'/>`;
  inspector += text(1020, 80, 13, "#71717a", "MOTIF", "font-weight='bold'");
  ["Scale", "Rotation", "Spacing", "Stroke"].forEach((label, i) => {
    const y = 110 + i * 64;
    inspector += text(1020, y, 14, fg, label);
    inspector += `<rect x='1020' y='${y + 14}' width='200' height='6' rx='3' fill='${dark ? "#3f3f46" : "#e4e4e7"}'/>`;
    inspector += `<rect x='1020' y='${y + 14}' width='${60 + i * 35}' height='6' rx='3' fill='#4f46e5'/>`;
    inspector += `<circle cx='${1080 + i * 35}' cy='${y + 17}' r='8' fill='#fff' stroke='#4f46e5' stroke-width='2'/>`;
  });
  inspector += text(1020, 400, 13, "#71717a", "PALETTE", "font-weight='bold'");
  palette.forEach(
    (c, i) => (inspector += `<rect x='${1020 + i * 34}' y='414' width='26' height='26' rx='6' fill='${c}'/>`),
  );
  const canvas = `<rect x='200' y='44' width='800' height='716' fill='${dark ? "#27272a" : "#e4e4e7"}'/>
    <g><rect x='240' y='84' width='720' height='636' fill='#fff'/>${pattern(240, 84, 720, 636, 53, dark ? palette.slice(1) : palette)}</g>
    <rect x='520' y='338' width='160' height='160' fill='none' stroke='#4f46e5' stroke-width='3' stroke-dasharray='8 6'/>`;
  return svg(
    1240,
    760,
    windowFrame(1240, 760, `Tessellate — tiles.tess${dark ? " (dark)" : ""}`, dark) +
      side +
      canvas +
      inspector,
  );
}

function tessellateExport() {
  const body = tessellateEditor(false).replace(/<\/svg>$/, "");
  return `${body}<rect width='1240' height='760' rx='14' fill='#18181b' opacity='0.45'/>
    <rect x='370' y='170' width='500' height='420' rx='16' fill='#fff'/>
    ${text(400, 220, 24, "#18181b", "Export pattern", "font-weight='bold'")}
    ${["SVG", "PDF", "PNG"].map((f, i) => `<rect x='${400 + i * 150}' y='250' width='136' height='48' rx='10' fill='${i === 2 ? "#4f46e5" : "#f4f4f5"}'/>${text(468 + i * 150, 281, 17, i === 2 ? "#fff" : "#3f3f46", f, "text-anchor='middle' font-weight='bold'")}`).join("")}
    ${text(400, 340, 15, "#52525b", "Size")}${text(840, 340, 15, "#18181b", "6000 × 6000 px · 300 dpi", "text-anchor='end'")}
    ${text(400, 380, 15, "#52525b", "Repeat")}${text(840, 380, 15, "#18181b", "Seamless tile", "text-anchor='end'")}
    <rect x='400' y='404' width='440' height='100' rx='10' fill='#fff' stroke='#e4e4e7'/>${pattern(402, 406, 436, 96, 32, palette)}
    <rect x='690' y='528' width='150' height='44' rx='10' fill='#4f46e5'/>${text(765, 556, 16, "#fff", "Export", "text-anchor='middle' font-weight='bold'")}
    ${text(670, 556, 16, "#52525b", "Cancel", "text-anchor='end'")}</svg>`;
}

const tessellateCover = () =>
  svg(
    1200,
    630,
    `${backdrop(1200, 630, "#312e81", "#7c3aed")}${pattern(600, 0, 600, 630, 70, palette, 0.9)}
    <rect x='560' y='0' width='120' height='630' fill='url(#bg)' opacity='0.6'/>
    ${text(80, 270, 86, "#fff", "Tessellate", "font-weight='bold'")}
    ${text(84, 330, 28, "#e0e7ff", "Seamless patterns, in real time.")}
    ${["17 symmetry groups", "SVG · PDF · PNG", "Offline first"].map((t, i) => `<rect x='${84 + i * 0}' y='${380 + i * 52}' width='${t.length * 13 + 36}' height='38' rx='19' fill='#ffffff' opacity='0.16'/>${text(102, 406 + i * 52, 18, "#fff", t)}`).join("")}`,
  );

const rows = [
  ["12:04:11.532", "error", "checkout", "812", "payment provider timed out"],
  ["12:04:12.018", "warn", "search", "264", "slow query: catalog_fts"],
  ["12:04:13.377", "error", "checkout", "1204", "retry budget exhausted"],
  ["12:04:15.900", "error", "auth", "301", "token introspection failed"],
  ["12:04:18.244", "error", "checkout", "955", "payment provider timed out"],
  ["12:04:21.610", "warn", "media", "412", "thumbnail cache miss storm"],
];
const levelColor = { error: "#f87171", warn: "#fbbf24" };

function terminal(w, h, lines) {
  return `${windowFrame(w, h, "lumen — zsh — 120×36", true)}${lines.map(([y, body]) => body(y)).join("")}`;
}

function lumenQuery(w = 1240, h = 760) {
  const head = (y) =>
    code(
      30,
      y,
      17,
      "#a5b4fc",
      "$ <tspan fill='#e4e4e7'>lumen 'level = error and latency_ms &gt; 250' app.log</tspan>",
    );
  const cols = (y) =>
    code(30, y, 16, "#71717a", "TIME           LEVEL  SERVICE      LATENCY  MESSAGE", "xml:space='preserve'");
  const body = rows.map((r, i) => [
    148 + i * 34,
    (y) =>
      code(
        30,
        y,
        16,
        "#e4e4e7",
        `${r[0]}   <tspan fill='${levelColor[r[1]]}'>${r[1].padEnd(5)}</tspan>  ${r[2].padEnd(9)}  <tspan fill='#67e8f9'>${r[3].padStart(5)} ms</tspan>  ${r[4]}`,
        "xml:space='preserve'",
      ),
  ]);
  const foot = (y) => code(30, y, 16, "#34d399", "6 matches in 2.1 GB · 0.84 s");
  return svg(
    w,
    h,
    terminal(w, h, [
      [80, head],
      [112, cols],
      ...body,
      [372, foot],
      [412, (y) => code(30, y, 17, "#a5b4fc", "$ <tspan fill='#e4e4e7'>▍</tspan>")],
    ]),
  );
}

function lumenStats() {
  const bars = [12, 18, 9, 31, 44, 27, 16, 52, 38, 21, 14, 8];
  let chart = "";
  bars.forEach(
    (b, i) =>
      (chart += `<rect x='${60 + i * 46}' y='${420 - b * 5}' width='34' height='${b * 5}' rx='4' fill='${b > 40 ? "#f87171" : "#818cf8"}'/>`),
  );
  const top = [
    ["payment provider timed out", 214],
    ["retry budget exhausted", 97],
    ["token introspection failed", 41],
  ];
  return svg(
    1240,
    760,
    terminal(1240, 760, [
      [80, (y) => code(30, y, 17, "#a5b4fc", "$ <tspan fill='#e4e4e7'>lumen stats app.log</tspan>")],
      [
        120,
        (y) =>
          code(
            30,
            y,
            16,
            "#e4e4e7",
            "app.log · 4,812,330 lines · 2.1 GB · 11:00–13:00",
            "xml:space='preserve'",
          ),
      ],
      [160, (y) => code(30, y, 15, "#71717a", "ERRORS PER 10 MIN")],
      [0, () => chart],
      [
        450,
        (y) =>
          code(
            60,
            y,
            14,
            "#71717a",
            "11:00                       12:00                      13:00",
            "xml:space='preserve'",
          ),
      ],
      [160, (y) => code(700, y, 15, "#71717a", "TOP ERRORS")],
      ...top.map(([m, n], i) => [
        200 + i * 36,
        (y) =>
          code(
            700,
            y,
            16,
            "#e4e4e7",
            `<tspan fill='#f87171'>${String(n).padStart(4)}</tspan>  ${m}`,
            "xml:space='preserve'",
          ),
      ]),
      [340, (y) => code(700, y, 15, "#71717a", "LATENCY (ms)")],
      [
        376,
        (y) =>
          code(
            700,
            y,
            16,
            "#e4e4e7",
            "p50 <tspan fill='#67e8f9'>38</tspan>   p95 <tspan fill='#67e8f9'>264</tspan>   p99 <tspan fill='#f87171'>1,204</tspan>",
            "xml:space='preserve'",
          ),
      ],
      [520, (y) => code(30, y, 17, "#a5b4fc", "$ <tspan fill='#e4e4e7'>▍</tspan>")],
    ]),
  );
}

const lumenCover = () =>
  svg(
    1200,
    630,
    `${backdrop(1200, 630, "#0f172a", "#1e1b4b")}
    ${text(80, 200, 80, "#fff", "Lumen CLI", "font-weight='bold'")}
    ${text(84, 256, 28, "#c7d2fe", "Query your logs like a table.")}
    <g transform='translate(80 310) scale(0.84)'>${lumenQuery(1240, 380).replace(/^<svg[^>]*>|<\/svg>$/g, "")}</g>`,
  );

const drawings = {
  "tessellate-cover": tessellateCover(),
  "tessellate-editor": tessellateEditor(false),
  "tessellate-export": tessellateExport(),
  "tessellate-dark": tessellateEditor(true),
  "lumen-cover": lumenCover(),
  "lumen-query": lumenQuery(),
  "lumen-stats": lumenStats(),
};
for (const [name, drawing] of Object.entries(drawings)) {
  const file = path.join(import.meta.dirname, `${name}.webp`);
  const info = await sharp(Buffer.from(drawing)).webp({ quality: 80, effort: 6 }).toFile(file);
  console.log(name, info.width, info.height, info.size);
}
