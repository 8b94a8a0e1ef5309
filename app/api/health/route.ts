// GET /api/health — can the console reach AWS, as whom, in which region, read-only or not
import { healthSchema } from "@/lib/contracts/health";
import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/aws/health";

export const dynamic = "force-dynamic";

// 503 when AWS cannot be reached, still with the health body: the banner shows why.
export const GET = route({ response: healthSchema, status: (health) => (health.ok ? 200 : 503) }, () => checkHealth());
