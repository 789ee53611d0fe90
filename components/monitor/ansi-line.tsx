// One log line with its ANSI colours, always rendered as text (never as HTML).
import Anser from "anser";
import { memo } from "react";

function AnsiLineView({ text }: { text: string }) {
  const parts = Anser.ansiToJson(text, { use_classes: true, remove_empty: true });
  return (
    <>
      {parts.map((part, i) => {
        const classes = [
          part.fg && `${part.fg}-fg`,
          part.bg && `${part.bg}-bg`,
          part.decorations?.includes("bold") && "font-bold",
          part.decorations?.includes("italic") && "italic",
          part.decorations?.includes("underline") && "underline",
        ]
          .filter(Boolean)
          .join(" ");
        return classes ? (
          <span key={i} className={classes}>
            {part.content}
          </span>
        ) : (
          <span key={i}>{part.content}</span>
        );
      })}
    </>
  );
}

export const AnsiLine = memo(AnsiLineView);

/** The text of a line without its escape codes (for short previews). */
export const stripAnsi = (text: string) => Anser.ansiToText(text);
