// Starts a test's HTTP server on 127.0.0.1 (port 0: any free one) and stops it with its open
// connections, so a test's fake never outlives it.
import type http from "node:http";
import type { AddressInfo } from "node:net";

export async function listenOnLoopback(
  server: http.Server,
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
