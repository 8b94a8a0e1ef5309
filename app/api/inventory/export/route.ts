// GET /api/inventory/export?q=&type=&bucketKey=&region=&candidate=&sort=&order=&account= — every matching bucket
// as CSV, streamed from the store in batches (no AWS call); account=all: every account's
import { route } from "@/lib/http/route";
import { bucketFilterQuerySchema } from "@/lib/contracts/bucket-list";
import { inventoryScope } from "@/lib/inventory/page";
import { iterateMatching } from "@/lib/inventory/query";
import { csvHeader, csvRow } from "@/lib/inventory/csv";

export const dynamic = "force-dynamic";

export const GET = route(
  { query: bucketFilterQuerySchema, response: { file: "text/csv" }, acrossAccounts: true },
  async ({ query, allAccounts }) => {
    const rows = iterateMatching((await inventoryScope(allAccounts)).ids, query);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(encoder.encode(csvHeader)),
      // One batch of rows per pull, so a slow client holds back the reading instead of filling memory.
      pull: (controller) => {
        let chunk = "";
        for (let i = 0; i < 500; i++) {
          const next = rows.next();
          if (next.done) {
            if (chunk) controller.enqueue(encoder.encode(chunk));
            return controller.close();
          }
          chunk += csvRow(next.value);
        }
        controller.enqueue(encoder.encode(chunk));
      },
    });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="bucket-inventory-${date}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
