// A small HTTP proxy for benchmarks: forwards every request to the emulator after a fixed
// delay, as a real network round trip to AWS would add. Loopback only.
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** An answer the emulator gave, kept to be given again. */
export type KeptAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

type LatencyProxyOptions = {
  /** Every answer is kept here, by method, URL, body and access key. */
  memo?: Map<string, KeptAnswer>;
  /**
   * Answers found in the memo are given again without asking the emulator, so the caller sees AWS as a service
   * that answers every call in delayMs however many are in flight: the emulator's single Python process no
   * longer bounds the figures.
   */
  replay?: boolean;
};

export type LatencyProxy = Awaited<ReturnType<typeof startLatencyProxy>>;

/** Starts the proxy in front of `target` (e.g. http://127.0.0.1:5000), adding `delayMs` before each request. */
export async function startLatencyProxy(
  target: string,
  delayMs: number,
  { memo, replay = false }: LatencyProxyOptions = {},
) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let count = 0;
  let replayedCount = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  let busyMs = 0;
  const byOperation = new Map<string, number>();
  const server = http.createServer(async (req, res) => {
    count++;
    // How many calls the console really has outstanding at once: its concurrency, seen from outside.
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    const arrived = performance.now();
    res.once("close", () => {
      inFlight--;
      busyMs += performance.now() - arrived;
    });
    // S3 operations are told apart by their sub-resource (?location, ?encryption…), others by X-Amz-Target.
    const op = `${req.method} ${req.headers["x-amz-target"] ?? (req.url ?? "").split("?")[1]?.split(/[=&]/)[0] ?? "/"}`;
    byOperation.set(op, (byOperation.get(op) ?? 0) + 1);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    // The access key tells accounts apart; AssumeRole is answered from the memo too, so a new server gets the same keys.
    const accessKey = /Credential=([^/]+)/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const key = `${req.method} ${req.url} ${accessKey} ${createHash("sha1").update(body).digest("hex")}`;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    const kept = replay ? memo?.get(key) : undefined;
    if (kept) {
      replayedCount++;
      res.writeHead(kept.status, kept.headers);
      res.end(kept.body);
      return;
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      async (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        if (!memo) return void up.pipe(res);
        const answer: Buffer[] = [];
        for await (const chunk of up) answer.push(chunk);
        const given = { status: up.statusCode ?? 502, headers: up.headers, body: Buffer.concat(answer) };
        memo.set(key, given);
        res.end(given.body);
      },
    );
    forward.on("error", (err) => {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end(`latency proxy: ${err.message}`);
    });
    forward.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    inFlight: () => inFlight,
    replayed: () => replayedCount,
    operations: () => Object.fromEntries(byOperation),
    /** Since the last call: the most requests in flight at once, and the request-milliseconds (÷ wall time = mean in flight). */
    takeConcurrency: () => {
      const taken = { peak: peakInFlight, busyMs };
      peakInFlight = inFlight;
      busyMs = 0;
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
