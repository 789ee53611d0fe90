"use client";
// "Hide whitespace changes": the diff computed again with git's -w.
export function WhitespaceToggle({ hidden, onChange }: { hidden: boolean; onChange: (hidden: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-center gap-1.5 text-xs">
      <input type="checkbox" checked={hidden} onChange={(e) => onChange(e.target.checked)} />
      Hide whitespace changes
    </label>
  );
}
