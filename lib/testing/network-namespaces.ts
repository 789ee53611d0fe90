// Other machines in a test: Linux network namespaces, each joined to this host by a veth pair
// with addresses of its own (10.X.N.1 on the host side, 10.X.N.2 inside). A process started in
// one reaches only what listens on the host's link addresses: a TCP forwarder to the database and
// a `git daemon` below. Needs root and iproute2; `netnsAvailable()` says whether this machine can.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { onTestFinished } from "vitest";

function ip(args: string[]): void {
  const result = spawnSync("ip", args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`ip ${args.join(" ")} failed: ${result.stderr || result.error?.message}`);
}

let probed: boolean | null = null;

/** True when this process may create network namespaces (root with iproute2). */
export function netnsAvailable(): boolean {
  if (probed !== null) return probed;
  const name = `flot-probe-${randomBytes(3).toString("hex")}`;
  probed = process.getuid?.() === 0 && spawnSync("ip", ["netns", "add", name]).status === 0;
  if (probed) spawnSync("ip", ["netns", "del", name]);
  return probed;
}

export interface HostLink {
  netns: string;
  /** This host's address on the link: what a process in the namespace connects to. */
  hostAddress: string;
}

/** A namespace joined to this host by its own veth pair; removed when the test finishes. */
export function createHostLink(index: number, subnet = 100 + (randomBytes(1)[0] % 100)): HostLink {
  const tag = randomBytes(3).toString("hex");
  const netns = `flot-${tag}-${index}`;
  const outside = `fv${tag}${index}h`;
  const inside = `fv${tag}${index}n`;
  const hostAddress = `10.${subnet}.${index}.1`;
  ip(["netns", "add", netns]);
  onTestFinished(() => {
    spawnSync("ip", ["netns", "del", netns]);
    spawnSync("ip", ["link", "del", outside]);
  });
  ip(["link", "add", outside, "type", "veth", "peer", "name", inside]);
  ip(["link", "set", inside, "netns", netns]);
  ip(["addr", "add", `${hostAddress}/24`, "dev", outside]);
  ip(["link", "set", outside, "up"]);
  const inNs = (args: string[]) => ip(["netns", "exec", netns, "ip", ...args]);
  inNs(["addr", "add", `10.${subnet}.${index}.2/24`, "dev", inside]);
  inNs(["link", "set", inside, "up"]);
  inNs(["link", "set", "lo", "up"]);
  // Everything else goes to this host (which answers for all of its own addresses).
  inNs(["route", "add", "default", "via", hostAddress]);
  return { netns, hostAddress };
}

/** Listens on `host` (a link address) and forwards each connection to 127.0.0.1:`targetPort`. */
export async function forwardPort(host: string, targetPort: number): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return (server.address() as net.AddressInfo).port;
}

/** `git daemon` serving (and accepting pushes to) the repositories under `base`, on the given addresses. */
export async function startGitDaemon(base: string, addresses: string[]): Promise<number> {
  const port = await new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const daemon: ChildProcess = spawn(
    "git",
    [
      "daemon",
      "--reuseaddr",
      "--export-all",
      "--enable=receive-pack",
      `--base-path=${base}`,
      `--port=${port}`,
      ...addresses.map((a) => `--listen=${a}`),
      base,
    ],
    { stdio: "ignore" },
  );
  onTestFinished(() => {
    daemon.kill("SIGKILL");
  });
  // Ready once it accepts a connection on the first address.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, addresses[0]);
      s.once("connect", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (ok) return port;
    if (Date.now() > deadline) throw new Error("git daemon did not start");
    await new Promise((r) => setTimeout(r, 50));
  }
}
