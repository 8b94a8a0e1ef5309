// Config's JSON 1.1 wire format, as the double answers it: the content type, a JSON body with a request id, and the
// documented error shape ({"__type": "<Name>Exception", "message": …} with HTTP 400).
import type http from "node:http";
import { randomUUID } from "node:crypto";

export const json = "application/x-amz-json-1.1";

export function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": json,
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": randomUUID(),
  });
  res.end(text);
}

export const error = (res: http.ServerResponse, type: string, message: string) =>
  reply(res, 400, { __type: type, message });

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
