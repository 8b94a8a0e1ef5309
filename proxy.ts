import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/http/auth/session";
import { hostRefusal } from "@/lib/http/request-guard";

// Runs before every request (no matcher: pages, API, Next's files, unknown paths alike). A Host
// outside the allowed list gets the refusal and nothing else: that is what stops a DNS-rebinding
// page. Then pages need a signed-in user when sign-in is configured: anyone else goes to the
// sign-in page and comes back afterwards. API routes answer 401 themselves (lib/http/route.ts),
// so scripts get JSON, not a redirect.
export async function proxy(request: NextRequest) {
  const refusal = hostRefusal(request);
  if (refusal) return refusal;
  if (withoutSignIn.test(request.nextUrl.pathname) || (await currentUser(request))) return NextResponse.next();
  const url = new URL("/signin", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

// The API, the sign-in page and Next's static files.
const withoutSignIn = /^\/(api\/|signin|_next\/static|_next\/image|favicon\.ico)/;
