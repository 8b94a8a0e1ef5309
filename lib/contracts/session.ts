import { z } from "zod";

// GET /api/session: who is signed in. method "local" = no sign-in configured (loopback, operator).
export const sessionSchema = z.object({
  user: z.object({
    name: z.string(),
    role: z.enum(["viewer", "operator"]),
    method: z.enum(["local", "oidc", "password"]),
  }),
});
