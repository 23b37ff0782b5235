import type { Metadata } from "next";
import { requireSection } from "@/lib/server/guards";
import { can } from "@/lib/access/matrix";
import { countAppUsers, listAppUsers, usersFunds } from "@/lib/domains/app-users/queries";
import { formatMoney } from "@/lib/domains/billing/money";
import { listSqAgents, sqSkillChoices } from "@/lib/domains/queues/queries";
import { APP_USER_SORTS } from "@/lib/domains/app-users/schemas";
import { lastPageOf, parseListParams, skipOf, type RawSearchParams } from "@/components/data-table/search-params";
import { loadApplication } from "../_components/load-application";
import { ApplicationFrame, applicationMetadata } from "../_components/application-frame";
import type { UserRow } from "./_components/columns";
import { UsersView } from "./_components/users-view";

type Props = { params: Promise<{ appId: string }> };

export const generateMetadata = ({ params }: Props): Promise<Metadata> => applicationMetadata("application.users", params);

// The panel sorts by the indexed columns only; "id" stays an API ordering.
const PANEL_SORTS = APP_USER_SORTS.filter((s) => s !== "id") as ["name", "displayName", "createdAt"];

export default async function AppUsersPage({ params, searchParams }: Props & { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireSection("application.users");
  const app = await loadApplication(actor, (await params).appId);
  const requested = parseListParams(await searchParams, { sort: PANEL_SORTS, defaultSort: "name" });
  const fetchPage = (list: typeof requested) =>
    listAppUsers(actor, { applicationId: app.id, q: list.q, orderBy: list.sort, dir: list.dir, offset: skipOf(list), count: list.size });
  const [first, inApp, funds] = await Promise.all([fetchPage(requested), requested.q ? countAppUsers(actor, app.id) : null, usersFunds(actor)]);
  // A stale link past the last page (users were deleted, the filter narrowed) shows the last page.
  const last = lastPageOf(first.total, requested.size);
  const list = requested.page > last ? { ...requested, page: last } : requested;
  const { items, total } = list === requested ? first : await fetchPage(list);
  // SmartQueue skills (at most 500 an application) and, when there are any, this page's users'
  // levels, for the row menu: an application without skills costs one indexed query.
  const sqSkills = await sqSkillChoices(actor, app.id);
  const sqAgents = sqSkills.length && items.length ? await listSqAgents(actor, { applicationId: app.id, userIds: items.map((u) => u.id) }, "application.users") : { items: [] };
  const levels = new Map(sqAgents.items.map((a) => [a.userId, a.skills.map((s) => ({ id: s.id, level: s.level }))]));
  const rows: UserRow[] = items.map((u) => ({
    id: u.id,
    name: u.name,
    displayName: u.displayName,
    active: u.active,
    separateBalance: u.separateBalance,
    balanceMinor: u.balanceMinor,
    balance: formatMoney(u.balanceMinor, funds.currency),
    createdAt: u.createdAt.toISOString(),
    sqSkills: levels.get(u.id) ?? [],
  }));
  return (
    <ApplicationFrame actor={actor} app={app} section="application.users" description="The identities that the application's SDK clients and SIP phones log in with.">
      <UsersView
        appId={app.id}
        appName={app.name}
        rows={rows}
        total={total}
        params={list}
        // No users at all (not just none matching the filter): the empty state with Create in the middle.
        empty={(inApp ?? total) === 0}
        canManage={can(actor, "application.users")}
        // Only a principal with Billing too moves money (null: the menu has no balance items).
        sqSkills={sqSkills}
        funds={funds.accountBalanceMinor === null ? null : { balanceMinor: funds.accountBalanceMinor, currency: funds.currency }}
      />
    </ApplicationFrame>
  );
}
