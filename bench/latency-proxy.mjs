// A small HTTP proxy for benchmarks: forwards every request to the emulator after a fixed
// delay, as a real network round trip to AWS would add. Loopback only.
import http from "node:http";

/**
 * @param {string} target e.g. http://127.0.0.1:5000
 * @param {number} delayMs added before each request is forwarded
 * @returns {Promise<{ url: string, requests: () => number, operations: () => Record<string, number>, takePeakInFlight: () => number, close: () => Promise<void> }>}
 */
export async function startLatencyProxy(target, delayMs) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  let count = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const byOperation = new Map();
  const server = http.createServer((req, res) => {
    count++;
    // How many calls the console really has outstanding at once: its concurrency, seen from outside.
    peakInFlight = Math.max(peakInFlight, ++inFlight);
    res.once("close", () => inFlight--);
    // S3 operations are told apart by their sub-resource (?location, ?encryption…), others by X-Amz-Target.
    const op = `${req.method} ${req.headers["x-amz-target"] ?? (req.url ?? "").split("?")[1]?.split(/[=&]/)[0] ?? "/"}`;
    byOperation.set(op, (byOperation.get(op) ?? 0) + 1);
    setTimeout(() => {
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on("error", (err) => {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end(`latency proxy: ${err.message}`);
      });
      req.pipe(forward);
    }, delayMs);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    operations: () => Object.fromEntries(byOperation),
    /** The most requests in flight at once since the last call. */
    takePeakInFlight: () => {
      const peak = peakInFlight;
      peakInFlight = inFlight;
      return peak;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
