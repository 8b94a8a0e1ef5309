// POST /api/settings/usage-source/athena-table — create the Athena database and table, running exactly the SQL the user confirmed
import { route } from "@/lib/http/route";
import { createAthenaTableSchema, usageSourceStatusSchema } from "@/lib/contracts/usage-source";
import { createAthenaTable } from "@/lib/usage/source";

export const dynamic = "force-dynamic";

export const POST = route(
  { body: createAthenaTableSchema, response: usageSourceStatusSchema, mutation: true },
  async ({ body }) => createAthenaTable(body.sql),
);
