// Calls back when a named file in a folder is written, created or removed: the folder is watched
// (inotify on Linux), not the file, so a file that does not exist yet or is replaced is still
// seen. A folder that cannot be watched (missing, or a file system without change events) gives
// null: callers try again later and keep a slow fallback check for that case.
import { watch, type FSWatcher } from "node:fs";

export function watchFolder(
  folder: string,
  accept: (name: string) => boolean,
  onChange: () => void,
): (() => void) | null {
  let watcher: FSWatcher;
  try {
    watcher = watch(folder, { persistent: false }, (_event, name) => {
      if (name === null || accept(name.toString())) onChange();
    });
  } catch {
    return null;
  }
  watcher.on("error", () => watcher.close());
  return () => watcher.close();
}
