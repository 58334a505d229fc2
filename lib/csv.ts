// CSV as spreadsheets read it (RFC 4180: quoted when a cell holds a comma, quote or line break).
// A cell that starts with = + - @, a tab or a carriage return would run as a formula in Excel,
// LibreOffice or Sheets (CSV injection): it gets a leading ' so it shows as the text it is.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvRow = (cells: (string | number | null | undefined)[]) =>
  `${cells.map(csvCell).join(",")}\r\n`;
