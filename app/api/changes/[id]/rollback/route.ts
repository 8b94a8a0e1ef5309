// POST /api/changes/:id/rollback — restore the configuration a change replaced
import { route } from "@/lib/http/route";
import { idParamsSchema } from "@/lib/contracts/params";
import { auditUser } from "@/lib/http/auth/user";
import { applyResultSchema } from "@/lib/contracts/encryption";
import { rollbackChange } from "@/lib/encryption/apply";

export const dynamic = "force-dynamic";

export const POST = route({ params: idParamsSchema, response: applyResultSchema, mutation: true }, ({ params, user }) =>
  rollbackChange(params.id, { user: auditUser(user) }),
);
