import assert from "node:assert/strict";
import { test } from "node:test";
import { safeCallbackPath } from "./callback-path";

test("sign-in returns to a path on this console", () => {
  assert.equal(safeCallbackPath("/buckets?filter=candidates"), "/buckets?filter=candidates");
  assert.equal(safeCallbackPath("/wizard"), "/wizard");
});

test("anything that could leave the console, or loop back to sign-in, goes home instead", () => {
  for (const v of [
    "https://evil.example",
    "//evil.example/x",
    "/\\evil.example",
    "javascript:alert(1)",
    "buckets",
    "/signin?callbackUrl=/x",
    "/a\nb",
    null,
    undefined,
    42,
  ]) {
    assert.equal(safeCallbackPath(v), "/", String(v));
  }
});
