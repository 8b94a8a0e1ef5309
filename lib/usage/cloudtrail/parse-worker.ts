// Worker thread: parses the log files the pool sends (gunzip, JSON.parse, aggregate) so the web
// server's main thread only reads files and commits results. Messages: { id, body } in,
// { id, result } or { id, error, malformed } out.
import { parentPort } from "node:worker_threads";
import { MalformedLogFile } from "./aggregate";
import { parseLogFile } from "./parse-file";

parentPort!.on("message", ({ id, body }: { id: number; body: Uint8Array }) => {
  try {
    parentPort!.postMessage({ id, result: parseLogFile(body) });
  } catch (err) {
    parentPort!.postMessage({
      id,
      error: err instanceof Error ? err.message : String(err),
      malformed: err instanceof MalformedLogFile,
    });
  }
});
