// Worker thread: parses the batches of log files the pool sends (gunzip, JSON.parse, fold) so the web
// server's main thread only reads files and commits results. Messages: { id, bodies, maxBytes } in,
// { id, result } out, the batch's aggregate packed (aggregate-wire.ts) with its buffers transferred.
import { parentPort } from "node:worker_threads";
import { packAggregate, wireBuffers } from "./aggregate-wire";
import { parseLogFiles } from "./parse-file";

parentPort!.on("message", ({ id, bodies, maxBytes }: { id: number; bodies: Uint8Array[]; maxBytes: number }) => {
  const { usage, files } = parseLogFiles(bodies, maxBytes);
  const wire = packAggregate(usage);
  parentPort!.postMessage({ id, result: { usage: wire, files } }, wireBuffers(wire));
});
