// A proxy in front of moto that can answer like a struggling AWS: throttling, 5xx, hanging
// requests, or access denied with secrets in the message. Loopback only; counts requests.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = "none" | "throttle" | "server-error" | "hang" | "denied-with-secrets";

/** What a leaky AWS error message could contain: none of it may reach the browser. */
export const secretsInErrors = [
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "FwoGZXIvYXdzEJr//session-token",
  "x-amz-security-token",
];

export function errorFor(
  fault: Exclude<Fault, "none" | "hang">,
  req: http.IncomingMessage,
): { status: number; type: string; body: string } {
  const leak = `Request signed with ${secretsInErrors.join(" ")}`;
  const [code, status] =
    fault === "throttle"
      ? ["SlowDown", 503]
      : fault === "server-error"
        ? ["InternalError", 500]
        : ["AccessDenied", 403];
  if (req.headers["x-amz-target"]) {
    // JSON protocols (KMS, CloudTrail)
    const jsonCode =
      fault === "throttle"
        ? "ThrottlingException"
        : fault === "server-error"
          ? "KMSInternalException"
          : "AccessDeniedException";
    return {
      status: fault === "throttle" ? 400 : status,
      type: "application/x-amz-json-1.1",
      body: JSON.stringify({ __type: jsonCode, message: leak }),
    };
  }
  if (req.method === "POST" && (req.url ?? "/") === "/") {
    // STS query protocol
    const stsCode = fault === "throttle" ? "Throttling" : fault === "server-error" ? "InternalFailure" : "AccessDenied";
    return {
      status: fault === "throttle" ? 400 : status,
      type: "text/xml",
      body: `<ErrorResponse><Error><Type>Sender</Type><Code>${stsCode}</Code><Message>${leak}</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
    };
  }
  return {
    status,
    type: "application/xml",
    body: `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${leak}</Message><RequestId>r1</RequestId></Error>`,
  };
}

export async function startFaultProxy(target: string) {
  const upstream = new URL(target);
  let fault: Fault = "none";
  let failuresLeft = Infinity;
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    if (fault !== "none" && failuresLeft > 0) {
      failuresLeft--;
      if (fault === "hang") return; // never answers: the client's timeout must give up
      const e = errorFor(fault, req);
      req.resume();
      res.writeHead(e.status, { "content-type": e.type, "content-length": Buffer.byteLength(e.body) });
      return res.end(e.body);
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Fail the next `times` requests (all, when omitted) with this fault. */
    set(next: Fault, times = Infinity) {
      fault = next;
      failuresLeft = times;
      count = 0;
    },
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
