// One way to write a JSON route handler: state-changing requests must come from this app's own
// origin and carry an application/json body of at most 1 MB; input is validated with zod; every
// failure maps to a status and a message through toHttpError.
import { z } from "zod";
import { formatZodIssues } from "@/lib/core/wbs/parse-wbs";
import { bearerToken, tokensEqual } from "@/lib/core/security/request-guard";
import { toHttpError, UserError } from "@/lib/server/errors";
import { accessToken, TOKEN_COOKIE } from "@/lib/server/security/access";

export const MAX_BODY_BYTES = 1_000_000;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses a cross-site request: Origin (or Referer) must name this server's own host. */
export function assertSameOrigin(request: Request): void {
  const host = request.headers.get("host");
  const source = request.headers.get("origin") ?? request.headers.get("referer");
  if (!source) return; // not a browser's cross-site request (curl, the CLI)
  let sourceHost: string;
  try {
    sourceHost = new URL(source).host;
  } catch {
    throw new HttpError(403, "This request's Origin is not a valid URL");
  }
  if (!host || sourceHost !== host)
    throw new HttpError(403, "Cross-site requests are not allowed: open Flotilla itself to do this");
}

/** Reads a JSON body within the size limit, refusing other content types. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, "Send the body as application/json");
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new HttpError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The body is not valid JSON");
  }
}

export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UserError(formatZodIssues(parsed.error).join("; "));
  return parsed.data;
}

export function errorResponse(err: unknown): Response {
  if (err instanceof HttpError) return Response.json({ error: err.message }, { status: err.status });
  const { status, body } = toHttpError(err);
  return Response.json(body, { status });
}

/** When an access token is required, the request must carry it (the proxy checks too). */
export function assertAuthorized(request: Request): void {
  const token = accessToken();
  if (!token) return;
  const cookie = /(?:^|;\s*)flotilla_token=([^;]+)/.exec(request.headers.get("cookie") ?? "")?.[1];
  const presented = bearerToken(request.headers.get("authorization")) ?? (cookie ? decodeURIComponent(cookie) : "");
  if (!tokensEqual(presented, token))
    throw new HttpError(401, `Sign in first: send the access token (cookie ${TOKEN_COOKIE} or Authorization: Bearer)`);
}

/** Wraps a state-changing handler with the origin check and error mapping. */
export function mutation<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      assertAuthorized(request);
      assertSameOrigin(request);
      return await handler(request, context);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Wraps a read handler with error mapping. */
export function query<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      assertAuthorized(request);
      return await handler(request, context);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
