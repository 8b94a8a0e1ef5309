import assert from "node:assert/strict";
import { test } from "node:test";
import { addMinutes, decodeMinutes, encodeMinutes } from "./minutes-blob";

const counts = Array.from({ length: 60 }, (_, i) => (i === 59 ? 2 ** 32 - 1 : i * 1000));

test("60 per-minute counts round-trip through the blob, the largest uint32 included", () => {
  const blob = encodeMinutes(Uint32Array.from(counts));
  assert.equal(blob.length, 240);
  assert.deepEqual(decodeMinutes(blob), counts);
});

test("a second file's counts of the same hour are added minute by minute", () => {
  const first = Uint32Array.from({ length: 60 }, (_, i) => i);
  const second = Uint32Array.from({ length: 60 }, (_, i) => (i === 0 ? 5 : 1));
  assert.deepEqual(decodeMinutes(addMinutes(first, undefined)), [...first]);
  assert.deepEqual(
    decodeMinutes(addMinutes(second, encodeMinutes(first))),
    [...first].map((n, i) => n + second[i]!),
  );
});

test("a sum past uint32 is refused rather than wrapped", () => {
  assert.throws(() =>
    addMinutes(Uint32Array.of(1, ...new Array(59).fill(0)), encodeMinutes(counts.map(() => 2 ** 32 - 1))),
  );
});
