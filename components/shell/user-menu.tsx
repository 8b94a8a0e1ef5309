"use client";
import { useSession } from "@/lib/client/use-session";
import { signOutAction } from "@/lib/http/auth/actions";

// Who is signed in, with which role, and sign-out. Nothing for the local user of a console
// without sign-in: there is nobody to name.
export function UserMenu() {
  const { data } = useSession();
  const user = data?.user;
  if (!user || user.method === "local") return null;
  return (
    <div className="flex min-w-0 items-center gap-2 text-xs" data-testid="user-menu">
      <span className="max-w-40 truncate text-white" data-testid="signed-in-user" title={user.name}>
        {user.name}
      </span>
      <span
        className={`rounded px-1.5 font-semibold ${user.role === "operator" ? "bg-emerald-300 text-emerald-950" : "bg-slate-200 text-slate-900"}`}
        title={
          user.role === "viewer"
            ? "Viewers can see everything but cannot apply, roll back or create keys."
            : "Operators may apply, roll back and create keys."
        }
        data-testid="signed-in-role"
      >
        {user.role === "operator" ? "Operator" : "Viewer"}
      </span>
      <form action={signOutAction}>
        <button type="submit" className="rounded border border-white/30 px-2 py-0.5 text-white hover:bg-white/10">
          Sign out
        </button>
      </form>
    </div>
  );
}
