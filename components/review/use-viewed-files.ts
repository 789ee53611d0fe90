"use client";
// The files a person marked viewed in one diff of a run, kept on the server for the run. A
// change shows at once and is rolled back when the server refuses it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { IDLE } from "@/lib/actions/action-state";
import { markFileViewedAction } from "@/lib/actions/mark-file-viewed";
import { viewedPaths, type ViewedMark } from "@/lib/core/review/viewed-files";
import { fetchJson } from "@/lib/client/fetch-json";
import { runKeys } from "@/lib/client/query-keys";
import type { DiffFile } from "@/lib/server/runs/run-diff";

export interface ViewedFiles {
  paths: ReadonlySet<string>;
  set: (file: DiffFile, viewed: boolean) => void;
  error: string | null;
}

async function saveMark(runId: string, wpId: string | null, path: string, viewed: boolean): Promise<void> {
  const form = new FormData();
  form.set("runId", runId);
  if (wpId) form.set("wpId", wpId);
  form.set("path", path);
  form.set("viewed", String(viewed));
  const state = await markFileViewedAction(IDLE, form);
  if (state.status === "error") throw new Error(state.error);
}

export function useViewedFiles(runId: string, wpId: string | null, files: readonly DiffFile[]): ViewedFiles {
  const client = useQueryClient();
  const key = runKeys.viewed(runId, wpId);
  const marks = useQuery({
    queryKey: key,
    queryFn: async () =>
      (
        await fetchJson<{ marks: ViewedMark[] }>(
          `/api/runs/${runId}/viewed${wpId ? `?wp=${encodeURIComponent(wpId)}` : ""}`,
        )
      ).marks,
  });
  // The mark a click asked for, shown in the same render as the click: the cache's optimistic
  // update below lands only after cancelQueries resolves, and a controlled checkbox that renders
  // its old value in between springs back.
  const [pending, setPending] = useState<Readonly<Record<string, boolean>>>({});
  const settle = (path: string, viewed: boolean) =>
    setPending(({ [path]: asked, ...rest }) =>
      asked === undefined || asked === viewed ? rest : { ...rest, [path]: asked },
    );
  const mutation = useMutation({
    mutationFn: ({ file, viewed }: { file: DiffFile; viewed: boolean }) => saveMark(runId, wpId, file.path, viewed),
    onMutate: async ({ file, viewed }) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<ViewedMark[]>(key);
      const others = (previous ?? []).filter((m) => m.path !== file.path);
      client.setQueryData<ViewedMark[]>(
        key,
        viewed ? [...others, { path: file.path, fileVersion: file.version }] : others,
      );
      return { previous };
    },
    onError: (_error, _input, context) => client.setQueryData(key, context?.previous),
    onSettled: (_data, _error, { file, viewed }) => {
      settle(file.path, viewed);
      return client.invalidateQueries({ queryKey: key });
    },
  });
  const paths = useMemo(() => {
    const shown = new Set(viewedPaths(marks.data ?? [], files));
    for (const [path, viewed] of Object.entries(pending)) {
      if (viewed) shown.add(path);
      else shown.delete(path);
    }
    return shown;
  }, [marks.data, files, pending]);
  return {
    paths,
    set: (file, viewed) => {
      setPending((p) => ({ ...p, [file.path]: viewed }));
      mutation.mutate({ file, viewed });
    },
    error: mutation.error?.message ?? marks.error?.message ?? null,
  };
}
