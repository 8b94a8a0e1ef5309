import assert from "node:assert/strict";
import { test } from "node:test";
import { statementSid } from "./setup-request";

// Names that a character-dropping Sid made collide, each pair must differ; every Sid is letters and digits only.
const pairs: [string, string][] = [
  ["my-logs", "mylogs"],
  ["my.logs", "my-logs"],
  ["a-b.c", "a.b-c"],
  ["Legacy_Bucket", "legacyz5fbucket"], // a legacy name with capitals and _
  ["logs-2026", "logs2026"],
];
for (const [a, b] of pairs) {
  test(`the destination statement's Sid tells ${a} and ${b} apart`, () => {
    assert.notEqual(statementSid(a), statementSid(b));
    for (const sid of [statementSid(a), statementSid(b)]) assert.match(sid, /^[A-Za-z0-9]+$/);
  });
}

test("a Sid reads back to its bucket name (so it is injective), and plain names keep their look", () => {
  const decode = (sid: string) =>
    sid
      .replace(/^S3InventoryFor/, "")
      .replace(/Z([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  for (const name of ["my-logs", "a.b-c", "Legacy_Bucket", "zz9", "x".repeat(63)])
    assert.equal(decode(statementSid(name)), name);
  assert.equal(statementSid("mylogs"), "S3InventoryFormylogs");
});
