// GET /api/inventory/config — the running (else latest) pass from the AWS Config aggregator;
// POST — run a full load or an incremental pass now; DELETE — cancel the running pass, keeping the pages written
import { route } from "@/lib/http/route";
import { configLoadSchema, configPassRequestSchema } from "@/lib/contracts/config-source";
import { configPassState, cancelConfigPassState, startConfigPassNow } from "@/lib/inventory/config/passes";

export const dynamic = "force-dynamic";

const response = configLoadSchema.nullable();

export const GET = route({ response }, async () => configPassState());

// A pass spends Config queries but changes nothing in AWS: any signed-in role may, from the console's pages.
export const POST = route(
  { body: configPassRequestSchema, response, status: () => 202, sameOrigin: true },
  async ({ body }) => startConfigPassNow(body.kind),
);

export const DELETE = route({ response, sameOrigin: true }, async () => cancelConfigPassState());
