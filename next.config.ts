import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Lets the browser tests build into their own folder while a dev server uses .next.
  distDir: process.env.FLOTILLA_DIST_DIR || ".next",
  // next dev opened on 127.0.0.1 never hydrates without this.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  poweredByHeader: false,
  // Loaded by Node, not bundled: lib/server/db/sqlite-driver.ts points the adapter's
  // `better-sqlite3` at the build this Node can run, through a resolve hook. node-postgres is
  // loaded by Node too (its optional pg-native require is not for a bundler).
  serverExternalPackages: [
    "@prisma/adapter-better-sqlite3",
    "better-sqlite3",
    "better-sqlite3-napi",
    "@prisma/adapter-pg",
    "pg-boss",
    "pg",
  ],
  // The build checks app code only; `npm test` type-checks everything, tests included.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
