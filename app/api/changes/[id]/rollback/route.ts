// POST /api/changes/:id/rollback — restore the configuration a change replaced
import { route } from "@/lib/api/handler";
import { idParamsSchema } from "@/lib/api/params";
import { auditUser } from "@/lib/auth/user";
import { rollbackChange } from "@/lib/buckets/apply-encryption";

export const dynamic = "force-dynamic";

export const POST = route({ params: idParamsSchema, mutation: true }, ({ params, user }) => rollbackChange(params.id, { user: auditUser(user) }));
