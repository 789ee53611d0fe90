// The review modes as <option>s, shared by the New run form and the project settings.
export function ReviewModeOptions() {
  return (
    <>
      <option value="auto">Automatic: spec + quality reviewers with an agent CLI, none with the demo agent</option>
      <option value="off">Off</option>
      <option value="spec">Spec reviewer</option>
      <option value="spec+quality">Spec and quality reviewers</option>
      <option value="human">A person approves each package</option>
    </>
  );
}
