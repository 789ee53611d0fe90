// A form's unsent choices kept in the tab's session storage, so browser Back and reload bring
// them back. Only named fields are kept; hidden ones (ids) come from the page itself.
export type FormDraft = Record<string, string>;

export function saveFormDraft(key: string, form: HTMLFormElement): void {
  const draft: FormDraft = {};
  for (const element of Array.from(form.elements)) {
    if (!(
      element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement
    ))
      continue;
    if (!element.name || element.type === "hidden" || element.type === "submit") continue;
    if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox")) {
      if (element.type === "checkbox") draft[element.name] = element.checked ? "on" : "";
      else if (element.checked) draft[element.name] = element.value;
      continue;
    }
    draft[element.name] = element.value;
  }
  try {
    sessionStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it just forgets on reload.
  }
}

export function readFormDraft(key: string): FormDraft | null {
  try {
    const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? "null");
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
    return Object.fromEntries(Object.entries(parsed).filter(([, v]) => typeof v === "string")) as FormDraft;
  } catch {
    return null;
  }
}

/** Puts a draft's values back into the form's fields (unknown names and values are ignored). */
export function applyFormDraft(form: HTMLFormElement, draft: FormDraft): void {
  for (const element of Array.from(form.elements)) {
    if (!(
      element instanceof HTMLInputElement ||
      element instanceof HTMLTextAreaElement ||
      element instanceof HTMLSelectElement
    ))
      continue;
    if (!element.name || element.type === "hidden" || !(element.name in draft)) continue;
    const value = draft[element.name];
    if (element instanceof HTMLInputElement && element.type === "radio") element.checked = element.value === value;
    else if (element instanceof HTMLInputElement && element.type === "checkbox") element.checked = value === "on";
    else if (element instanceof HTMLSelectElement) {
      // Only a choice the list still offers (an agent that is no longer available is not picked).
      const option = Array.from(element.options).find((o) => o.value === value && !o.disabled);
      if (option) element.value = value;
    } else element.value = value;
  }
}
