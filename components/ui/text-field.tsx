import type { InputHTMLAttributes } from "react";

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  name: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled input whose hint and error are announced to screen readers. */
export function TextField({ label, hint, error, name, className = "", ...props }: TextFieldProps) {
  const id = `field-${name}`;
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`flex flex-col gap-1.5 ${className}`}>
      <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        {...props}
        className={`rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-zinc-400 dark:bg-zinc-900 dark:placeholder:text-zinc-500 ${
          error ? "border-red-500 dark:border-red-500" : "border-zinc-300 dark:border-zinc-700"
        }`}
      />
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
