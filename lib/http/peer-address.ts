import type { IncomingMessage, Server } from "node:http";

// The address a request came from, as its TCP connection says, for sign-in throttling. Route handlers and server
// actions see only headers, and Next fills X-Forwarded-For from the socket only when the client sent none, so that
// header is the client's word. instrumentation.ts stamps every request the Node server receives with the
// socket's address under a header of the console's own, overwriting whatever a client sent under that name.

export const peerAddressHeader = "x-bkc-peer-address";

export function stampPeerAddresses(ServerClass: typeof Server): void {
  const proto = ServerClass.prototype as Server & { __bkcPeerStamp?: boolean };
  if (proto.__bkcPeerStamp) return;
  proto.__bkcPeerStamp = true;
  const emit = proto.emit;
  proto.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[peerAddressHeader] = request.socket?.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args] as Parameters<Server["emit"]>);
  } as Server["emit"];
}

/** The stamped address; "unstamped" where no Node server stamped it (a handler called directly, as tests do). */
export function peerAddress(headers: Headers): string {
  return headers.get(peerAddressHeader) || "unstamped";
}
