// POST /api/changes/:id/rollback — restore the configuration a change replaced
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { auditUser } from "@/lib/auth/user";
import { rollbackChange } from "@/lib/buckets/apply-encryption";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().regex(/^\d{1,12}$/, "a change id is a number").transform(Number) }).strict();

export const POST = route({ params: paramsSchema, mutation: true }, ({ params, user }) => rollbackChange(params.id, { user: auditUser(user) }));
