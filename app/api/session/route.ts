// GET /api/session — who is signed in, with which role (401 when nobody is)
import { route } from "@/lib/http/route";
import { sessionSchema } from "@/lib/contracts/session";

export const dynamic = "force-dynamic";

export const GET = route({ response: sessionSchema }, async ({ user }) => ({
  user: { name: user.name, role: user.role, method: user.method },
}));
