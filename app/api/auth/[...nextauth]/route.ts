// GET|POST /api/auth/* — Auth.js sign-in, callback, session and sign-out endpoints (404 when sign-in is not configured)
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/api/handler";
import { AppError } from "@/lib/api/errors";
import { handlers } from "@/lib/auth/auth";
import { serverEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

const whenEnabled = (h: (req: NextRequest) => Promise<Response>) => (req: NextRequest) =>
  serverEnv().auth.enabled ? h(req) : Promise.resolve(errorResponse(new AppError("not_found", "Sign-in is not configured on this console.")));

export const GET = whenEnabled(handlers.GET);
export const POST = whenEnabled(handlers.POST);
