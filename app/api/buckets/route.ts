// GET /api/buckets?limit=&cursor=&q=&type=&bucketKey=&region=&candidate=&sort=&order=&account= — one page of the
// inventory store (never waits for AWS), with the whole scope's summary and the scan's progress; account=all: every account's
import { route } from "@/lib/http/route";
import { bucketListQuerySchema, bucketPageSchema } from "@/lib/contracts/bucket-list";
import { bucketPage } from "@/lib/inventory/page";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: bucketListQuerySchema, response: bucketPageSchema, acrossAccounts: true },
  async ({ query, allAccounts }) => bucketPage(query, allAccounts),
);
