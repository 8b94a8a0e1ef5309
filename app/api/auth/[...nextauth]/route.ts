// GET|POST /api/auth/* — Auth.js sign-in, callback, session and sign-out endpoints (404 when sign-in is not configured)
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/http/route";
import { AppError } from "@/lib/contracts/errors";
import { handlers } from "@/lib/http/auth/auth";
import { serverEnv } from "@/lib/runtime/env";

export const dynamic = "force-dynamic";

// Not a route() call: Auth.js answers these itself (sign-in pages, OAuth redirects, cookies and its own
// JSON), so there is no response schema of ours to name; route() would also demand the sign-in these
// endpoints provide. lib/http/route-contracts.test.ts lists this file as the one exemption.
const whenEnabled = (h: (req: NextRequest) => Promise<Response>) => (req: NextRequest) =>
  serverEnv().auth.enabled
    ? h(req)
    : Promise.resolve(errorResponse(new AppError("not_found", "Sign-in is not configured on this console.")));

export const GET = whenEnabled(handlers.GET);
export const POST = whenEnabled(handlers.POST);
