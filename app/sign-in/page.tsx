import { SignInForm } from "@/components/ui/sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <div className="mx-auto max-w-md rounded-lg border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        This Flotilla listens beyond this machine, so it asks for its access token. The token was printed when the
        server first started, and is in the <span className="font-mono">access-token</span> file of its data folder.
      </p>
      <SignInForm next={typeof next === "string" ? next : "/"} />
    </div>
  );
}
