import assert from "node:assert/strict";
import { test } from "node:test";
import { jsonContentTypeProblem } from "./json-content-type";

test("application/json in any case, optionally UTF-8, is accepted", () => {
  for (const header of [
    "application/json",
    "Application/JSON",
    "application/json; charset=utf-8",
    'application/json;charset="UTF-8"',
  ])
    assert.equal(jsonContentTypeProblem(header), null, header);
});

test("what a cross-site form can send without a preflight, and other types, are refused with what to send", () => {
  const cases: [string | null, RegExp][] = [
    [null, /has no content type: send the body as JSON with content-type: application\/json/],
    ["", /has no content type/],
    ["text/plain", /is text\/plain, not JSON/],
    ["text/plain; charset=utf-8", /is text\/plain, not JSON/],
    ["application/x-www-form-urlencoded", /is application\/x-www-form-urlencoded, not JSON/],
    ["multipart/form-data; boundary=x", /is multipart\/form-data, not JSON/],
    ["application/jsonp", /is application\/jsonp, not JSON/],
    ["application/json-patch+json", /not JSON/],
    ["application/json; charset=iso-8859-1", /must be UTF-8, not iso-8859-1/],
  ];
  for (const [header, message] of cases) assert.match(jsonContentTypeProblem(header) ?? "", message, String(header));
});
