import assert from "node:assert/strict";
import { test } from "node:test";
import { csvField, csvLine } from "./csv";

test("a record is its fields joined by commas and ended by CRLF; null and undefined are empty", () => {
  assert.equal(csvLine(["a", 1, true, null, undefined, ""]), "a,1,true,,,\r\n");
});

test("a field with a comma, quote or line break is quoted, its quotes doubled (RFC 4180)", () => {
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("two\r\nlines"), '"two\r\nlines"');
  assert.equal(csvField("plain"), "plain");
});

test("text a spreadsheet would run as a formula is prefixed with a quote", () => {
  for (const formula of ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tx", '=HYPERLINK("http://x")'])
    assert.equal(csvField(formula).replace(/^"/, "").startsWith("'"), true, formula);
  assert.equal(csvField('=HYPERLINK("x","y")'), '"\'=HYPERLINK(""x"",""y"")"');
  assert.equal(csvField("\rx"), '"\'\rx"');
});

test("numbers stay numbers: negative and decimal values are not guarded", () => {
  assert.equal(csvField(-1.5), "-1.5");
  assert.equal(csvField("-0.123456"), "-0.123456");
  assert.equal(csvField("-12"), "-12");
  assert.equal(csvField("-1e5"), "'-1e5");
});

test("a quoted record reads back field by field", () => {
  const values = ["bkc,demo", 'q"uote', "=cmd", "multi\r\nline", "x"];
  const line = csvLine(values);
  const fields: string[] = [];
  const re = /("((?:[^"]|"")*)"|([^,\r\n]*))(,|\r\n)/gy;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    fields.push(m[2] !== undefined ? m[2].replaceAll('""', '"') : m[3]!);
    if (m[4] === "\r\n") break;
  }
  assert.deepEqual(fields, ["bkc,demo", 'q"uote', "'=cmd", "multi\r\nline", "x"]);
});
