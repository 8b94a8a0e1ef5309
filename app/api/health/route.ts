// GET /api/health — can the console reach AWS, as whom, in which region, read-only or not
import { NextResponse } from "next/server";
import { route } from "@/lib/server/route";
import { checkHealth } from "@/lib/aws/health";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
