import type { IncomingMessage, ServerResponse } from "node:http";

export function forwarderTo(target: string): (req: IncomingMessage, res: ServerResponse, body?: Buffer) => void;
export function startRoleGuard(options: {
  target: string;
  deniedRoles: string[];
}): Promise<{ url: string; close: () => void }>;
