import { expect, type APIRequestContext } from "@playwright/test";
import { e2eAppUrl } from "../playwright.config";

// Pages answer from the inventory store and never scan on view: a spec that creates or deletes
// buckets after the console started runs a Rescan (POST /api/inventory/scan, same-origin) and
// waits for a scan that began after its changes to finish.

type Scan = { state: string; startedAt: string | null };

async function scanOf(request: APIRequestContext, query: string): Promise<Scan> {
  return (await (await request.get(`/api/inventory/scan${query}`)).json()).scan;
}

export async function rescanAndWait(request: APIRequestContext, { account = "", timeout = 60_000 } = {}) {
  const query = account ? `?account=${account}` : "";
  const since = new Date().toISOString();
  // A scan already running may have listed before our changes: wait for it, then start ours.
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await request.post(`/api/inventory/scan${query}`, { headers: { origin: e2eAppUrl } });
    expect(res.status()).toBe(202);
    await expect.poll(async () => (await scanOf(request, query)).state, { timeout }).not.toBe("running");
    const scan = await scanOf(request, query);
    if (scan.startedAt && scan.startedAt >= since) {
      expect(scan.state).toBe("done");
      return;
    }
  }
  throw new Error("No scan started after the changes could be waited for.");
}
