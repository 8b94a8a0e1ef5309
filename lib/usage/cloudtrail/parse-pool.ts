import "server-only";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { unpackAggregate, type WireAggregate } from "./aggregate-wire";
import type { BatchResult, ParseOptions } from "./parse-file";

// A small pool of worker threads running parse-worker.ts, one batch of files at a time each. Parsing is
// CPU-bound (gunzip, JSON.parse, folding records), so it leaves the main thread, which keeps
// answering requests; one thread per core. The pool lives for one ingestion run and is closed
// after it, so an idle server holds no threads.

type Reply = { id: number; result: Omit<BatchResult, "usage"> & { usage: WireAggregate } };
type Pending = { resolve: (r: BatchResult) => void; reject: (e: Error) => void };
type Job = { id: number; bodies: Uint8Array[]; options: ParseOptions };

function startWorker(): Worker {
  // Run from sources (tests, benchmark: node --import tsx), a worker thread does not inherit tsx's
  // loader on Node 20, so it registers it before importing the TypeScript entry. (Not
  // import.meta.url: Turbopack's build keeps the source file's URL there.)
  if (process.execArgv.some((a) => /(^|[/=])tsx\b/.test(a))) {
    const entry = JSON.stringify(new URL("./parse-worker.ts", import.meta.url).href);
    return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${entry}); });`, {
      eval: true,
    });
  }
  // Built: the literal new Worker(new URL(…, import.meta.url)) is what makes Turbopack emit the worker as an entry.
  return new Worker(new URL("./parse-worker.ts", import.meta.url));
}

export const defaultParseThreads = () => Math.max(1, Math.min(availableParallelism(), 8));

export class ParsePool {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly all: Worker[] = [];
  private nextId = 0;

  constructor(size = defaultParseThreads()) {
    for (let i = 0; i < size; i++) {
      const worker = startWorker();
      worker.on("message", (reply: Reply) => this.settle(worker, reply));
      // A worker that dies (out of memory, a bug) fails what it was doing and every file still queued.
      worker.on("error", (err) => this.failAll(err));
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /**
   * Parses gzipped log files off the main thread, folded into one aggregate; a bad file (or one larger than
   * options.maxBytes decompressed) is an outcome, not a rejection.
   */
  parse(bodies: Uint8Array[], options: ParseOptions): Promise<BatchResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.queue.push({ id, bodies, options });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private dispatch() {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const job = this.queue.shift()!;
      // Hand the bytes over without a copy where a buffer is the file's alone.
      const whole = job.bodies.filter(
        (b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer,
      );
      worker.postMessage(job, [...new Set(whole.map((b) => b.buffer as ArrayBuffer))]);
    }
  }

  private settle(worker: Worker, reply: Reply) {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    this.idle.push(worker);
    this.dispatch();
    pending?.resolve({ ...reply.result, usage: unpackAggregate(reply.result.usage) });
  }

  private failAll(err: Error) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    this.queue.length = 0;
  }
}
