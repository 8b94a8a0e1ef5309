// A console process for the restart test: `scan` runs a full scan into the store under
// CONSOLE_DATA_DIR and exits; `get <query>` is a freshly started console answering its first
// GET /api/buckets, printed as JSON. Both talk to AWS_ENDPOINT_URL, which the parent counts.
// Usage: node --conditions=react-server --import tsx tests/integration/support/inventory-child.ts scan|get <query>
import { apiRequest, routeContext, scanInventoryNow } from "../helpers";

const [mode, query = ""] = process.argv.slice(2);
if (mode === "scan") {
  console.log(`scan ${JSON.stringify(await scanInventoryNow())}`);
} else {
  const bucketsRoute = await import("@/app/api/buckets/route");
  const res = await bucketsRoute.GET(apiRequest(`/api/buckets?${query}`), routeContext());
  // Raw on purpose: the parent process reads this line and checks the status and body itself.
  console.log(`get ${res.status} ${JSON.stringify(await res.json())}`);
}
