// A local HTTP endpoint for webhook tests: records every request it gets (headers and JSON body)
// and answers as told: a status per request in turn, or never (a hanging endpoint).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

export interface RecordedRequest {
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  /** Set once the server answered (a hanging request never is). */
  answered: boolean;
}

/** `answers`: the status for the 1st, 2nd, … request (the last repeats); "hang" never answers. */
export async function startRecordingServer(answers: Array<number | "hang"> = [200]) {
  const received: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = { unparsed: text };
      }
      const entry: RecordedRequest = { path: request.url ?? "/", headers: request.headers, body, answered: false };
      received.push(entry);
      const answer = answers[Math.min(received.length - 1, answers.length - 1)];
      if (answer === "hang") {
        open.add(response);
        response.on("close", () => open.delete(response));
        return;
      }
      entry.answered = true;
      response.writeHead(answer, { "content-type": "text/plain" });
      response.end(answer >= 400 ? `failure ${answer}` : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  onTestFinished(close);
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    /** Requests that are still waiting for an answer. */
    openRequests: () => open.size,
    close,
  };
}
