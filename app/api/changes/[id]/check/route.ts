// POST /api/changes/:id/check — read the bucket of a pending or unknown change now and settle it if S3 answers
import { route } from "@/lib/http/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { checkedChangeSchema } from "@/lib/contracts/encryption";
import { checkChange } from "@/lib/encryption/reconcile";

export const dynamic = "force-dynamic";

export const POST = route(
  { params: idParamsSchema, response: checkedChangeSchema, mutation: true },
  async ({ params }) => ({ change: await checkChange(params.id) }),
);
