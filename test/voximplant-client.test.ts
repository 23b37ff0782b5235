// The official Voximplant Node client (@voximplant/apiclient-nodejs), unchanged, against this
// server over real HTTPS: the route handlers served in-process by node:https with a throwaway
// self-signed certificate made at test time (test/self-signed-cert.ts; trusted through the
// https global agent's CA list, nothing on disk but the credentials file, removed afterwards).
// The client only takes a host (it always speaks https://<host>/platform_api), so the host is
// localhost:<port>. It drives the whole Role System, applications, users, key-value storage
// and child accounts, and every change is checked against what the panel's own queries show.
// Threat: wire incompatibility that would break existing integrations silently.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/core/db";
import { listAppUsers } from "@/lib/domains/app-users/queries";
import { listApplications } from "@/lib/domains/applications/queries";
import { listKvItems } from "@/lib/domains/kvs/queries";
import { listKeys } from "@/lib/domains/service-accounts/queries";
import { listSubusers } from "@/lib/domains/subusers/queries";
import type { Actor } from "@/lib/access/actor-types";
import type { TestAccount } from "@/test/factories";
import { call, newClient, ok, startClient, stopClient } from "./voximplant-harness";

let acct: TestAccount;
let owner: Actor;

beforeAll(async () => {
  ({ acct, owner } = await startClient());
});

afterAll(stopClient);

describe("the official Node client over HTTPS", () => {
  it("GetAccountInfo names this account and this server's API address", async () => {
    const r = await ok("Accounts", "getAccountInfo");
    expect(r.result).toMatchObject({ accountId: acct.id, accountName: acct.name, active: true });
    expect(r.apiAddress).toMatch(/^https:\/\/localhost(:\d+)?\/platform_api$/);
  });

  it("drives the whole Role System; the panel sees every change", async () => {
    const added = await ok("RoleSystem", "addSubUser", { newSubuserName: "Client-Sub", newSubuserPassword: "Cl1ent-Passw0rd!", roleName: "Admin", description: "via client" });
    const subuserId = (added.result as { subuserId: number }).subuserId;
    expect(subuserId).toEqual(expect.any(Number));
    const panelSub = async () => (await listSubusers(owner, { subuserId })).items[0];
    expect(await panelSub()).toMatchObject({ name: "client-sub", description: "via client", roles: ["Admin"] });

    const subs = await ok("RoleSystem", "getSubUsers", { withRoles: true });
    // The client converts only the top level to camelCase; nested structures keep wire names.
    expect(subs.result).toEqual([{ subuserId, subuserName: "client-sub", description: "via client", roles: [{ role_id: 2, role_name: "Admin", gui_only: false }] }]);

    await ok("RoleSystem", "setSubUserInfo", { subuserId, description: "changed by client" });
    await ok("RoleSystem", "setSubUserRoles", { subuserId, roleName: "Support;Developer" });
    expect((await panelSub())?.roles).toEqual(expect.arrayContaining(["Admin", "Support", "Developer"]));
    const roles = await ok("RoleSystem", "getSubUserRoles", { subuserId, withExpandedRoles: false });
    expect((roles.result as { roleName: string }[]).map((r) => r.roleName).sort()).toEqual(["Admin", "Developer", "Support"]);
    await ok("RoleSystem", "removeSubUserRoles", { subuserId, roleId: [3, 4] });
    expect(await panelSub()).toMatchObject({ description: "changed by client", roles: ["Admin"] });

    const created = await ok("RoleSystem", "createKey", { keyName: "made-by-client", description: "d", roleName: "Developer" });
    const info = (created.result as { keyId: string; privateKey: string; accountId: number }[])[0]!;
    expect(info.privateKey).toContain("-----BEGIN PRIVATE KEY-----");
    expect(info.accountId).toBe(acct.id);
    const panelKey = async () => (await listKeys(owner, { keyId: info.keyId })).items[0];
    expect(await panelKey()).toMatchObject({ name: "made-by-client", roles: ["Developer"] });
    const keys = await ok("RoleSystem", "getKeys", { keyId: info.keyId, withRoles: true });
    expect(keys.result).toEqual([expect.objectContaining({ keyId: info.keyId, keyName: "made-by-client" })]);
    await ok("RoleSystem", "updateKey", { keyId: info.keyId, description: "updated", keyName: "renamed-by-client" });
    await ok("RoleSystem", "setKeyRoles", { keyId: info.keyId, roleId: [5] });
    const keyRoles = await ok("RoleSystem", "getKeyRoles", { keyId: info.keyId });
    expect((keyRoles.result as { roleName: string }[]).map((r) => r.roleName).sort()).toEqual(["Developer", "Supervisor"]);
    await ok("RoleSystem", "removeKeyRoles", { keyId: info.keyId, roleName: "Developer" });
    expect(await panelKey()).toMatchObject({ name: "renamed-by-client", description: "updated", roles: ["Supervisor"] });
    await ok("RoleSystem", "deleteKey", { keyId: info.keyId });
    expect(await panelKey()).toBeUndefined();

    const catalogue = await ok("RoleSystem", "getRoles", {});
    expect((catalogue.result as unknown[]).length).toBe(11);
    const groups = await ok("RoleSystem", "getRoleGroups", {});
    expect((groups.result as { name: string }[]).map((g) => g.name)).toEqual(["Management", "Development", "Operations", "Finance"]);

    await ok("RoleSystem", "delSubUser", { subuserId });
    expect(await panelSub()).toBeUndefined();
  });

  it("applications and their users; the panel sees every change", async () => {
    const added = await ok("Applications", "addApplication", { applicationName: "client-app", secureRecordStorage: true });
    const applicationId = added.applicationId as number;
    expect(added.applicationName).toMatch(new RegExp(`^client-app\\.${acct.name}\\.`));
    const apps = await ok("Applications", "getApplications", { applicationName: "client" });
    expect(apps.totalCount).toBe(1);
    expect((apps.result as { applicationId: number }[])[0]).toMatchObject({ applicationId, secureRecordStorage: true });
    // Nested timestamps reach the caller as the wire's text: "YYYY-MM-DD HH:mm:ss", UTC.
    expect((apps.result as { modified: string }[])[0]!.modified).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await ok("Applications", "setApplicationInfo", { applicationId, applicationName: "client-app2", secureRecordStorage: false });
    const panelApp = async () => (await listApplications(owner, { applicationId })).items[0];
    expect(await panelApp()).toMatchObject({ name: "client-app2", secureRecordStorage: false });

    const user = await ok("Users", "addUser", { userName: "client-user", userDisplayName: "Client User", userPassword: "Us3r-Passw0rd!", applicationId, parentAccounting: false });
    const userId = user.userId as number;
    const users = await ok("Users", "getUsers", { applicationId, userName: "client" });
    expect(users.result).toEqual([expect.objectContaining({ userId, userName: "client-user", userDisplayName: "Client User", userActive: true, parentAccounting: false })]);
    await ok("Users", "setUserInfo", { userId, userDisplayName: "Renamed", userActive: false });
    const panelUser = async () => (await listAppUsers(owner, { applicationId, userId })).items[0];
    expect(await panelUser()).toMatchObject({ displayName: "Renamed", active: false, separateBalance: true });
    await ok("Users", "delUser", { userId: [userId] });
    expect(await panelUser()).toBeUndefined();

    await ok("KeyValueStorage", "setKeyValueItem", { key: "client:1", value: "v1", applicationId, ttl: 3600 });
    const item = await ok("KeyValueStorage", "getKeyValueItem", { key: "client:1", applicationId });
    expect(item.result).toMatchObject({ key: "client:1", value: "v1", expiresAt: expect.any(Number) });
    expect((await listKvItems(owner, { applicationId })).items.map((i) => i.value)).toEqual(["v1"]);
    await ok("KeyValueStorage", "delKeyValueItem", { key: "client:1", applicationId });
    expect((await listKvItems(owner, { applicationId })).total).toBe(0);

    await ok("Applications", "delApplication", { applicationId: [applicationId] });
    expect(await panelApp()).toBeUndefined();
  });

  it("child accounts the client can reach, and errors come back as the client expects", async () => {
    const kid = await db.account.create({ data: { name: `kid-${acct.id}`, email: `kid-${acct.id}@test.local`, passwordHash: "x", parentId: acct.id, childRole: "Administrator" } });
    const children = await ok("Accounts", "getChildrenAccounts", { childAccountId: [kid.id] });
    expect(children.result).toEqual([expect.objectContaining({ accountId: kid.id, accountName: kid.name, active: true })]);
    // The client's accountId option puts the child in the token's iss: the parent's key acts on it.
    const onChild = await newClient({ accountId: kid.id });
    const childInfo = await onChild.Accounts!.getAccountInfo!({});
    expect(childInfo.result).toMatchObject({ accountId: kid.id, accountName: kid.name });
    await ok("Accounts", "setChildAccountInfo", { childAccountId: [kid.id], active: false });
    expect((await db.account.findUniqueOrThrow({ where: { id: kid.id } })).active).toBe(false);

    const refused = await call("Applications", "addApplication", { applicationName: "Bad_Name" });
    expect(refused.error).toEqual({ code: 107, msg: expect.stringContaining("application_name") });
  });
});
