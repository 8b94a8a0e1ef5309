import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeRequesters, encodeRequesters, mergeRequesters } from "./slot-blob";

test("requesters round-trip through the blob, the top minute bits included", () => {
  const requesters = [
    { session: 7, role: 3, minutesLow: 0b101, minutesHigh: 0 },
    { session: 70_000, role: 3, minutesLow: 2 ** 29, minutesHigh: 2 ** 29 },
  ];
  const blob = encodeRequesters(requesters);
  assert.equal(blob.length, 32);
  assert.deepEqual(decodeRequesters(blob), requesters);
});

test("a session seen in two files of one hour is one requester with its minutes OR-ed", () => {
  const merged = mergeRequesters(
    [{ session: 1, role: 9, minutesLow: 0b0011, minutesHigh: 0 }],
    [
      { session: 1, role: 9, minutesLow: 0b0110, minutesHigh: 1 },
      { session: 2, role: 9, minutesLow: 1, minutesHigh: 0 },
    ],
  );
  assert.deepEqual(merged, [
    { session: 1, role: 9, minutesLow: 0b0111, minutesHigh: 1 },
    { session: 2, role: 9, minutesLow: 1, minutesHigh: 0 },
  ]);
});
