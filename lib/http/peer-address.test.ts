import assert from "node:assert/strict";
import { Server, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { peerAddress, peerAddressHeader, stampPeerAddresses } from "./peer-address";

test("a request's peer address is its socket's, whatever the client sent under the console's header", async () => {
  class StampedServer extends Server {}
  stampPeerAddresses(StampedServer);
  const seen: string[] = [];
  const server = new StampedServer((req, res) => {
    seen.push(peerAddress(new Headers(req.headers as Record<string, string>)));
    res.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    for (const forged of [{ [peerAddressHeader]: "198.51.100.7" }, { "x-forwarded-for": "198.51.100.7" }, {}]) {
      await new Promise<void>((resolve, reject) =>
        httpRequest({ host: "127.0.0.1", port, headers: forged }, (res) => res.resume().on("end", resolve))
          .on("error", reject)
          .end(),
      );
    }
  } finally {
    server.close();
  }
  assert.deepEqual(seen, ["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  assert.equal(peerAddress(new Headers()), "unstamped");
});
