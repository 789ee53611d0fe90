// The review modes as <option>s, shared by the New run form and the project settings. What
// "Automatic" means per agent comes from the agents' adapters.
import { AGENTS } from "@/lib/core/agents/agent-registry";
import { listInWords } from "@/lib/core/text/list-in-words";

const labelsWith = (review: "off" | "spec+quality") =>
  listInWords(
    Object.values(AGENTS)
      .filter((a) => a.defaultReview === review)
      .map((a) => a.label),
  );

export function ReviewModeOptions() {
  return (
    <>
      <option value="auto">{`Automatic: spec + quality reviewers with ${labelsWith("spec+quality")}; none with ${labelsWith("off")}`}</option>
      <option value="off">Off</option>
      <option value="spec">Spec reviewer</option>
      <option value="spec+quality">Spec and quality reviewers</option>
      <option value="human">A person approves each package</option>
    </>
  );
}
