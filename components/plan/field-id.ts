// The element id of a package's field in the plan editor, so a problem can link to it.
export const fieldId = (wpId: string, field: string) => `field-${wpId}-${field.replace(/\[.*$/, "")}`;
