// GET /api/changes?bucket= — the history of applied changes and rollbacks, newest first
import { z } from "zod";
import { route } from "@/lib/api/handler";
import { bucketNameSchema } from "@/lib/api/params";
import { listChanges } from "@/lib/changes/change-store";

export const dynamic = "force-dynamic";

export const GET = route({ query: z.object({ bucket: bucketNameSchema.optional() }).strict() }, async ({ query }) => ({ changes: listChanges({ bucket: query.bucket }) }));
