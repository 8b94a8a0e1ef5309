// GET /api/inventory/candidates?limit=&account= — the Bucket Key candidates with the largest projected monthly
// saving (Overview), from the inventory and usage stores; account=all: every account's
import { route } from "@/lib/http/route";
import { topCandidatesQuerySchema, topCandidatesSchema } from "@/lib/contracts/bucket-list";
import { topCandidates } from "@/lib/usage/reports/top-candidates";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: topCandidatesQuerySchema, response: topCandidatesSchema, acrossAccounts: true },
  ({ query, allAccounts }) => topCandidates(query.limit, allAccounts),
);
