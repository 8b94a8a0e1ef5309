import { NextResponse, type NextRequest } from "next/server";
import { currentUser } from "@/lib/server/auth/session";

// Pages need a signed-in user when sign-in is configured: anyone else goes to the sign-in
// page and comes back afterwards. API routes answer 401 themselves (lib/server/route.ts),
// so scripts get JSON, not a redirect.
export async function proxy(request: NextRequest) {
  if (await currentUser(request)) return NextResponse.next();
  const url = new URL("/signin", request.url);
  url.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the API, the sign-in page and Next's static files.
  matcher: ["/((?!api/|signin|_next/static|_next/image|favicon.ico).*)"],
};
