// Starts the engine when the server starts, so runs interrupted by a restart (or driven by a CLI
// that died) are picked up again without anyone opening a page.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { engineHost } = await import("@/lib/server/engine/hosting/engine-host");
    engineHost();
  }
}
