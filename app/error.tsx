"use client";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div role="alert" className="py-16 text-center">
      <h1 className="text-2xl font-semibold">This page failed to load</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        The details are in the server log. Try again, or go back to the projects.
      </p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
