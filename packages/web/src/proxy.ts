import { type NextRequest, NextResponse } from "next/server";
import { isAuthorized, siteCredentials } from "./lib/basic-auth.ts";

/** Asks for the site's password on every request when SITE_PASSWORD is set; see docs/web.md. */
export function proxy(request: NextRequest) {
  const credentials = siteCredentials(process.env);
  if (credentials === undefined) return NextResponse.next();
  if (isAuthorized(request.headers.get("authorization"), credentials)) return NextResponse.next();
  return new NextResponse("Authentication required.\n", {
    status: 401,
    headers: {
      "www-authenticate": 'Basic realm="Churn model evaluation", charset="UTF-8"',
      "content-type": "text/plain; charset=utf-8",
    },
  });
}

// Static assets are left out: they hold no data, and the browser fetches them after the page,
// with the credentials it already has anyway.
export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
