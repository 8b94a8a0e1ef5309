// GET|POST /api/auth/* — Auth.js sign-in, callback, session and sign-out endpoints (404 when sign-in is not configured)
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/server/route";
import { AppError } from "@/lib/contracts/errors";
import { handlers } from "@/lib/server/auth/auth";
import { serverEnv } from "@/lib/server/env";

export const dynamic = "force-dynamic";

const whenEnabled = (h: (req: NextRequest) => Promise<Response>) => (req: NextRequest) =>
  serverEnv().auth.enabled
    ? h(req)
    : Promise.resolve(errorResponse(new AppError("not_found", "Sign-in is not configured on this console.")));

export const GET = whenEnabled(handlers.GET);
export const POST = whenEnabled(handlers.POST);
