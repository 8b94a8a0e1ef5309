import assert from "node:assert/strict";
import { test } from "node:test";
import { NextRequest } from "next/server";
import { z } from "zod";
import { apiErrorSchema } from "@/lib/contracts/api-error";
import { route } from "./route";

// route() without AWS: these handlers read nothing, and no sign-in is configured (the local operator).

const pointSchema = z.object({ x: z.number() });
const get = (path = "/api/test") =>
  new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { host: "127.0.0.1:3000" } });
const noParams = { params: Promise.resolve({}) };

test("a JSON route answers its handler's value with 200 and no-store", async () => {
  const response = await route({ response: pointSchema }, async () => ({ x: 1 }))(get(), noParams);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.deepEqual(pointSchema.parse(await response.json()), { x: 1 });
});

test("a JSON answer says in Server-Timing how long the server took, the handler's wait included", async () => {
  const slow = route({ response: pointSchema }, async () => {
    await new Promise((r) => setTimeout(r, 30));
    return { x: 1 };
  });
  const timing = (await slow(get(), noParams)).headers.get("server-timing") ?? "";
  const match = /^app;dur=(\d+\.\d)$/.exec(timing);
  assert.ok(match, `Server-Timing: ${timing}`);
  assert.ok(Number(match[1]) >= 29, `took ${match[1]} ms, waited 30`);
});

test("status chooses the HTTP status from the answer, which is still sent", async () => {
  const handler = route({ response: pointSchema, status: (p) => (p.x > 0 ? 200 : 503) }, async () => ({ x: 0 }));
  const response = await handler(get(), noParams);
  assert.equal(response.status, 503);
  assert.deepEqual(await response.json(), { x: 0 });
});

test("a file route answers the handler's Response when it is the declared file", async () => {
  const csv = () => new Response("a,b\n", { headers: { "Content-Type": "text/csv; charset=utf-8" } });
  const response = await route({ response: { file: "text/csv" } }, async () => csv())(get(), noParams);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), "a,b\n");
});

test("a Response of another kind than the spec declares is a 500, not passed on", async () => {
  const json = () => Response.json({ x: 1 });
  const silence = console.error;
  console.error = () => {};
  try {
    for (const response of [
      await route({ response: { file: "text/csv" } }, async () => json())(get(), noParams),
      await route({ response: { redirect: true } }, async () => json())(get(), noParams),
    ]) {
      assert.equal(response.status, 500);
      assert.equal(apiErrorSchema.parse(await response.json()).error.code, "internal");
    }
  } finally {
    console.error = silence;
  }
});

test("a redirect route answers the handler's redirect", async () => {
  const handler = route({ response: { redirect: true } }, async () => Response.redirect("http://127.0.0.1:3000/", 303));
  const response = await handler(get(), noParams);
  assert.equal(response.status, 303);
  assert.equal(response.headers.get("location"), "http://127.0.0.1:3000/");
});

// Compile-time checks of the contract: `tsc` (npm test -- static) fails when one of these stops being an error.
// @ts-expect-error a handler answering another shape than its response schema
route({ response: pointSchema }, async () => ({ y: 1 }));
// @ts-expect-error a JSON route cannot answer a raw Response
route({ response: pointSchema }, async () => new Response("x"));
// @ts-expect-error a file route answers a Response, not a value to serialise
route({ response: { file: "text/csv" } }, async () => ({ x: 1 }));
// @ts-expect-error every route names what it answers
route({}, async () => ({ x: 1 }));
// @ts-expect-error status reads the answer's own fields
route({ response: pointSchema, status: (p) => (p.y ? 200 : 500) }, async () => ({ x: 1 }));
