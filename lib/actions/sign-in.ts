"use server";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { tokensEqual } from "@/lib/core/security/request-guard";
import { accessToken, TOKEN_COOKIE } from "@/lib/server/security/access";
import { UserError } from "@/lib/server/errors";
import { formAction } from "./safe-action";

const signInInput = z.object({
  token: z.string({ error: "Paste the access token" }).max(200),
  next: z.string().max(2000).optional(),
});

/** Checks the access token and keeps it in an HttpOnly, SameSite=Strict cookie. */
export const signInAction = formAction(signInInput, async ({ token, next }) => {
  const expected = accessToken();
  if (!expected) return { message: "No sign-in is needed here", redirectTo: "/" };
  if (!tokensEqual(token.trim(), expected))
    throw new UserError(
      "That is not this server's access token: copy it from the access-token file in the data folder",
      "validation",
      { token: "That is not this server's access token" },
    );
  const secure = (await headers()).get("x-forwarded-proto") === "https";
  (await cookies()).set(TOKEN_COOKIE, expected, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: 60 * 60 * 24 * 30,
  });
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  return { message: "Signed in", redirectTo: target };
});
