// Renders the evidence the security suites wrote during `npm test` into SECURITY.md, between
// the generated markers; the threat model and reporting sections above them are written by hand.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  securitySections,
  type SecurityEvidence,
  type SecuritySection,
} from "../../tests/support/security-evidence";

const begin = "<!-- BEGIN GENERATED: npm test writes this part; do not edit by hand -->";
const end = "<!-- END GENERATED -->";

const cell = (value: string | number) => String(value).replace(/\|/g, "\\|").replace(/\n/g, " ");
const table = (columns: string[], rows: (string | number)[][]) =>
  [
    `| ${columns.map(cell).join(" | ")} |`,
    `| ${columns.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");

export type RunSummary = { date: string; commit: string; database: string; passed: number; failed: number };

export function renderEvidence(dir: string, run: RunSummary) {
  const evidence: SecurityEvidence[] = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".json"))
    .map((entry) => JSON.parse(readFileSync(path.join(dir, entry.name), "utf8")));
  const lines = [
    begin,
    "",
    `Last full run: ${run.date}, commit \`${run.commit}\`, database: ${run.database}. ` +
      `\`npm test\`: **${run.passed} passed, ${run.failed} failed**.`,
    "",
  ];
  const totals = new Map<string, number>();
  for (const [section, heading] of Object.entries(securitySections) as [SecuritySection, string][]) {
    const entries = evidence
      .filter((item) => item.section === section)
      .sort((a, b) => a.title.localeCompare(b.title));
    lines.push(`### ${heading}`, "");
    if (entries.length === 0) lines.push("_No evidence recorded in this run._", "");
    for (const item of entries) {
      lines.push(`#### ${item.title}`, "");
      if (item.note) lines.push(item.note, "");
      if (item.counts) {
        lines.push(
          Object.entries(item.counts)
            .map(([name, value]) => `${name}: **${value}**`)
            .join(" · "),
          "",
        );
        for (const [name, value] of Object.entries(item.counts))
          totals.set(name, (totals.get(name) ?? 0) + value);
      }
      if (item.rows.length) lines.push(table(item.columns, item.rows), "");
    }
  }
  lines.splice(
    4,
    0,
    "Counts across all suites: " + [...totals].map(([name, value]) => `${name} ${value}`).join(" · ") + ".",
    "",
  );
  lines.push(end);
  return lines.join("\n");
}

export function writeSecurityReport(file: string, dir: string, run: RunSummary) {
  const current = readFileSync(file, "utf8");
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  if (start < 0 || stop < 0) throw new Error(`${file} lacks the generated-section markers`);
  writeFileSync(file, current.slice(0, start) + renderEvidence(dir, run) + current.slice(stop + end.length));
}
