// Worker thread: parses the batches of log files the pool sends (gunzip, JSON.parse, fold) so the web
// server's main thread only reads files and commits results. Messages: { id, bodies, options } in,
// { id, result } out, the batch's aggregate packed (aggregate-wire.ts) with its buffers transferred.
import { parentPort } from "node:worker_threads";
import { packAggregate, wireBuffers } from "./aggregate-wire";
import { parseLogFiles, type ParseOptions } from "./parse-file";

parentPort!.on("message", ({ id, bodies, options }: { id: number; bodies: Uint8Array[]; options: ParseOptions }) => {
  const { usage, files } = parseLogFiles(bodies, options);
  const wire = packAggregate(usage);
  parentPort!.postMessage({ id, result: { usage: wire, files } }, wireBuffers(wire));
});
