import type { AgentAdapter, AgentKind } from "./agent-types";
import { acpAgent } from "./acp-agent";
import { claudeAgent } from "./claude-agent";
import { codexAgent } from "./codex-agent";
import { customAgent } from "./custom-agent";
import { demoAgent } from "./demo-agent";
import { geminiAgent } from "./gemini-agent";

export const AGENTS: Record<AgentKind, AgentAdapter> = {
  demo: demoAgent,
  claude: claudeAgent,
  codex: codexAgent,
  gemini: geminiAgent,
  acp: acpAgent,
  custom: customAgent,
};
