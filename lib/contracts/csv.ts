// The one CSV writer of every export, on the server (the inventory export) and in the browser (the savings
// export): RFC 4180 — fields joined by commas, a field quoted when it holds a comma, quote or line break (quotes
// doubled), every line ended by CRLF. Text a spreadsheet would run as a formula (=, +, -, @, tab or CR first) is
// prefixed with a quote, so an exported bucket name or error message cannot run in the reader's spreadsheet;
// numbers (typed as numbers, or text that is a plain decimal number) are left as they are, since a spreadsheet
// reads them as numbers.

export type CsvValue = string | number | boolean | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;
const needsQuotes = /[",\r\n]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && formulaStart.test(s) && !plainNumber.test(s)) s = `'${s}`;
  return needsQuotes.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One record: its fields, comma-separated, ended by CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}
