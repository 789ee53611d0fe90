// Runs before every page, action and API route. It refuses requests for a foreign Host (DNS
// rebinding, 421), state changes from another site's page (403), and, when Flotilla listens
// beyond this machine, anything without the access token (401, or the sign-in page). It also
// sets a per-request nonce Content-Security-Policy: no inline script runs without the nonce.
import { NextResponse, type NextRequest } from "next/server";
import {
  bearerToken,
  contentSecurityPolicy,
  isAllowedHost,
  isSameOrigin,
  tokensEqual,
} from "@/lib/core/security/request-guard";
import { accessToken, configuredHosts, TOKEN_COOKIE } from "@/lib/server/security/access";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const OPEN_PATHS = new Set(["/sign-in"]);

const refuse = (status: number, error: string) => NextResponse.json({ error }, { status });

export function proxy(request: NextRequest) {
  const host = request.headers.get("host");
  if (!isAllowedHost(host, configuredHosts())) {
    return refuse(
      421,
      "This Flotilla does not answer to that host name. Open it at http://127.0.0.1 (or the host it was started with).",
    );
  }
  if (!SAFE_METHODS.has(request.method)) {
    const source = request.headers.get("origin") ?? request.headers.get("referer");
    if (source && !isSameOrigin(source, host))
      return refuse(403, "Cross-site requests are not allowed: open Flotilla itself to do this");
  }

  const token = accessToken();
  const path = request.nextUrl.pathname;
  if (token && !OPEN_PATHS.has(path)) {
    const presented =
      bearerToken(request.headers.get("authorization")) ?? request.cookies.get(TOKEN_COOKIE)?.value ?? "";
    if (!tokensEqual(presented, token)) {
      if (path.startsWith("/api/") || !SAFE_METHODS.has(request.method)) {
        return refuse(
          401,
          "Sign in first: send the access token as 'Authorization: Bearer <token>' (it is in the data folder's access-token file)",
        );
      }
      const signIn = new URL("/sign-in", request.url);
      signIn.searchParams.set("next", path);
      return NextResponse.redirect(signIn);
    }
  }

  const nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|icon.svg|robots.txt).*)"],
};
