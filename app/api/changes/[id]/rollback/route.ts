// POST /api/changes/:id/rollback — restore the configuration a change replaced
import { route } from "@/lib/server/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { auditUser } from "@/lib/server/auth/user";
import { applyResultSchema } from "@/lib/contracts/encryption";
import { rollbackChange } from "@/lib/buckets/apply-encryption";

export const dynamic = "force-dynamic";

export const POST = route({ params: idParamsSchema, response: applyResultSchema, mutation: true }, ({ params, user }) =>
  rollbackChange(params.id, { user: auditUser(user) }),
);
