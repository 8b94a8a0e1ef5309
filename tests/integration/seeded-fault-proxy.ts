// A loopback proxy in front of moto that fails a set share of S3 and KMS requests the way AWS
// does under stress, drawn from a seeded generator so a run can be repeated: S3 503 SlowDown and
// 500 InternalError, KMS ThrottlingException and KMSInternalException, connection resets before
// the request reaches the emulator, and resets after the emulator answered (the write happened,
// its answer is lost). STS, IAM and S3 Control pass untouched. Used by the fault test and bench/.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { errorFor } from "./fault-proxy";

const faultKinds = [
  "s3-slowdown",
  "s3-internal-error",
  "kms-throttling",
  "kms-internal",
  "reset-before",
  "reset-after-answer",
] as const;
export type FaultKind = (typeof faultKinds)[number];

/** mulberry32: a small seeded generator; the same seed gives the same sequence of draws. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Service = "s3" | "kms" | "other";

function serviceOf(req: http.IncomingMessage): Service {
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") return target.startsWith("TrentService.") ? "kms" : "other";
  // STS and IAM are POST / (query protocol); S3 Control lives under /v20180820.
  if (req.method === "POST" && (req.url ?? "/") === "/") return "other";
  if ((req.url ?? "").startsWith("/v20180820")) return "other";
  return "s3";
}

const kindsFor: Record<Exclude<Service, "other">, FaultKind[]> = {
  s3: ["s3-slowdown", "s3-internal-error", "reset-before", "reset-after-answer"],
  kms: ["kms-throttling", "kms-internal", "reset-before", "reset-after-answer"],
};

/** A fault forced on matching requests (on top of the random ones), for tests that need one path for sure. */
type ForcedFault = {
  method: string;
  /** A sub-resource the URL must name, e.g. "encryption" for ?encryption (S3)… */
  query?: string;
  /** …or the X-Amz-Target of a JSON-protocol call, e.g. "TrentService.CreateKey" (KMS). */
  target?: string;
  /** The URL path must start with this, e.g. "/my-bucket" (S3, path style). */
  path?: string;
  /** "pass": forwarded untouched, for afterAnswer alone. */
  kind: FaultKind | "pass";
  times: number;
  /** Called once the emulator has answered a matched request (e.g. to kill the console at that moment). */
  afterAnswer?: () => void;
};

export type SeededFaultProxy = Awaited<ReturnType<typeof startSeededFaultProxy>>;

export async function startSeededFaultProxy(target: string, { seed, rate }: { seed: number; rate: number }) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const random = seededRandom(seed);
  let faultRate = 0;
  const forced: ForcedFault[] = [];
  const faults = Object.fromEntries(faultKinds.map((k) => [k, 0])) as Record<FaultKind, number>;
  const counts = { requests: 0, eligible: 0, faults };

  function draw(service: Service): FaultKind | null {
    if (service === "other") return null;
    counts.eligible++;
    // Two draws per eligible request whatever the rate, so changing the rate keeps the sequence aligned.
    const [hit, pick] = [random(), random()];
    if (hit >= faultRate) return null;
    const kinds = kindsFor[service];
    return kinds[Math.floor(pick * kinds.length)] ?? null;
  }

  function forcedFor(req: http.IncomingMessage): ForcedFault | null {
    const names = ((req.url ?? "").split("?")[1] ?? "").split("&").map((p) => p.split("=")[0]);
    const target = req.headers["x-amz-target"];
    const rule = forced.find(
      (f) =>
        f.times > 0 &&
        f.method === req.method &&
        (f.query === undefined || names.includes(f.query)) &&
        (f.target === undefined || f.target === target) &&
        // Path-style S3 URLs end the bucket with a slash: /bucket/?encryption=.
        (f.path === undefined || (req.url ?? "").split("?")[0]!.replace(/\/$/, "") === f.path),
    );
    if (rule) rule.times--;
    return rule ?? null;
  }

  function forward(req: http.IncomingMessage, body: Buffer, answer: (up: http.IncomingMessage, b: Buffer) => void) {
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (up) => {
        const chunks: Buffer[] = [];
        up.on("data", (c: Buffer) => chunks.push(c));
        up.on("end", () => answer(up, Buffer.concat(chunks)));
      },
    );
    out.on("error", () => req.socket.destroy());
    out.end(body);
  }

  const server = http.createServer(async (req, res) => {
    counts.requests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const rule = forcedFor(req);
    const fault = rule ? (rule.kind === "pass" ? null : rule.kind) : draw(serviceOf(req));
    if (fault) counts.faults[fault]++;
    if (fault === "reset-before") return req.socket.destroy();
    if (fault === "reset-after-answer")
      return forward(req, body, () => {
        rule?.afterAnswer?.();
        req.socket.destroy();
      });
    if (fault) {
      const e = errorFor(fault === "s3-slowdown" || fault === "kms-throttling" ? "throttle" : "server-error", req);
      res.writeHead(e.status, { "content-type": e.type, "content-length": Buffer.byteLength(e.body) });
      return res.end(e.body);
    }
    forward(req, body, (up, b) => {
      rule?.afterAnswer?.();
      res.writeHead(up.statusCode ?? 502, up.headers);
      res.end(b);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    start() {
      faultRate = rate;
    },
    stop() {
      faultRate = 0;
    },
    force(rule: ForcedFault) {
      forced.push(rule);
    },
    counts: () => ({ ...counts, faults: { ...counts.faults } }),
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
