import Link from "next/link";
import { routes } from "@/lib/routes";

// A subuser login link whose account does not exist (a mistyped or outdated link): said to a
// visitor who is not logged in, so it points at asking for the right link, not at the dashboard.
export default function SubuserLoginNotFound() {
  return (
    <div data-testid="subuser-login-not-found">
      <p className="text-sm font-semibold text-slate-600">404 · Not found</p>
      <h1 className="mb-1 mt-1 text-lg font-semibold">This login link does not work</h1>
      <p className="text-sm text-slate-600">
        No account has this subuser login link. Ask your account owner for the link from their Subusers page. Account owners log in on{" "}
        <Link href={routes.login} className="font-medium text-brand-700 hover:underline">
          the login page
        </Link>
        .
      </p>
    </div>
  );
}
