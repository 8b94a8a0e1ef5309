// The demo's stand-in for a role whose trust policy does not name the console: a loopback
// proxy in front of moto (which lets AssumeRole enter any account) that answers AssumeRole
// for the denied roles as STS does, and passes every other request through untouched.
import http from "node:http";

const accessDenied = (roleArn) =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>` +
  `<Message>User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}</Message></Error><RequestId>demo-role-guard</RequestId></ErrorResponse>`;

/**
 * Passes a request on to `target` untouched (the body already read, or streamed) and its answer back:
 * the loopback doubles in front of moto answer a few requests themselves and forward the rest.
 * @param {string} target
 */
export function forwarderTo(target) {
  const upstream = new URL(target);
  return (req, res, body) => {
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    if (body) out.end(body);
    else req.pipe(out);
  };
}

/** @param {{ target: string, deniedRoles: string[] }} options */
export async function startRoleGuard({ target, deniedRoles }) {
  const forward = forwarderTo(target);
  const server = http.createServer((req, res) => {
    // STS speaks the query protocol: a form-encoded POST to "/". Everything else streams through.
    if (
      req.method !== "POST" ||
      req.url !== "/" ||
      !String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")
    )
      return forward(req, res);
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const form = new URLSearchParams(body.toString("utf8"));
      const roleArn = form.get("RoleArn");
      if (form.get("Action") === "AssumeRole" && roleArn && deniedRoles.includes(roleArn)) {
        const xml = accessDenied(roleArn);
        res.writeHead(403, { "content-type": "text/xml", "content-length": Buffer.byteLength(xml) });
        return res.end(xml);
      }
      forward(req, res, body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}
