import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { sectionTitle } from "@/lib/nav";
import { OWNER_ROLE } from "@/lib/access/matrix";
import { Badge, Card, SectionHeader } from "@/components/ui/page";
import { getProfile } from "@/lib/domains/profile/queries";
import { formatUtc } from "@/lib/core/format";
import { describeUserAgent } from "@/lib/core/user-agent";
import { ChangePasswordForm } from "./_components/change-password-form";
import { SessionsTable, type SessionRow } from "./_components/sessions-table";
import { TwoStepCard } from "./_components/two-step-card";

export const metadata: Metadata = { title: sectionTitle("profile") };

export default async function ProfilePage() {
  const actor = await requireSection("profile");
  const p = await getProfile(actor);
  const rows: SessionRow[] = p.sessions.map((s) => ({
    handle: s.handle,
    current: s.current,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    browser: describeUserAgent(s.userAgent),
  }));
  const hours = Math.round((p.sessionExpiresAt.getTime() - p.sessionCreatedAt.getTime()) / 3_600_000);

  return (
    <>
      <SectionHeader section="profile" description="Who you are in this panel, your password, two-step verification and your sessions." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-sm font-semibold text-slate-900">You</h2>
          <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">Account</dt>
            <dd data-testid="profile-account">
              {p.accountName}
              {p.accountEmail ? <span className="text-slate-600"> · {p.accountEmail}</span> : null}
            </dd>
            <dt className="text-slate-600">Login</dt>
            <dd data-testid="profile-login">{p.kind === "owner" ? "Account owner" : `Subuser ${p.name}`}</dd>
            <dt className="text-slate-600">Roles</dt>
            <dd className="flex flex-wrap gap-1">
              {p.roles.map((r) => (
                <Badge key={r} tone="blue">
                  {r === OWNER_ROLE ? "Account owner (every section)" : r}
                </Badge>
              ))}
            </dd>
            <dt className="text-slate-600">This session</dt>
            <dd>
              Ends at{" "}
              <time dateTime={p.sessionExpiresAt.toISOString()} className="font-medium" data-testid="session-expires-at">
                {formatUtc(p.sessionExpiresAt)}
              </time>
              <span className="block text-xs text-slate-600">
                Started {formatUtc(p.sessionCreatedAt)}. Sessions last {hours} hours from login, whatever you do; then you log in again.
              </span>
            </dd>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-1 text-sm font-semibold text-slate-900">Change password</h2>
          <p className="mb-4 text-sm text-slate-600">Your other sessions end when you change it; this one stays logged in.</p>
          <ChangePasswordForm />
        </Card>
        <Card>
          <h2 className="mb-3 text-sm font-semibold text-slate-900">Two-step verification</h2>
          <TwoStepCard
            on={p.twoStep.on}
            recoveryCodesLeft={p.twoStep.recoveryCodesLeft}
            accountLabel={p.kind === "owner" ? p.accountName : `${p.name}@${p.accountName}`}
            owner={p.kind === "owner"}
            required={p.twoStep.required}
          />
        </Card>
      </div>
      <h2 className="mb-3 mt-8 text-base font-semibold text-slate-900">Active sessions</h2>
      <SessionsTable rows={rows} />
    </>
  );
}
