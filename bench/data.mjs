// The benchmark's data, inserted straight into the throwaway SQLite database through better-sqlite3
// (prepared statements, one transaction per table and application): the Prisma client would take
// many minutes for a million rows. Plain INSERTs only: the database's own triggers (per-application
// counters) fire as they would for the app's writes, so no counter column is ever written here.
//
// - Ledger: `ledger` entries of the demo account over a year (top-ups and charges, balance > 0).
// - Phone numbers: `numbers` rows owned by the demo account (active, a few blocked for unpaid
//   rent), spread over the catalogue's regions and attached to "sales", "growth" or nothing.
//   Their numbers are outside the catalogue's (lib/domains/phone-numbers/catalogue.ts), so they
//   never collide with it.
// - Users: `users` in the demo application "sales", `growthUsers` in a second application
//   "growth" of the same account, named user0000001… in both (so one ?q= prefix matches the same
//   hundred users in each), with one precomputed argon2id hash (hashing each would take hours).
// - Call history: `calls` sessions on "sales" and `growthCalls` on "growth", spread evenly over the
//   90 days before now (oldest first, as they would have been written), mixed status, direction,
//   initiator and duration, one leg each and a second (a forward) for a third of answered calls.
//   Remote parties come from the fictional ranges +44 20 7946 0xxx and +1 201 555 01xx.
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import path from "node:path";
import { hash } from "@node-rs/argon2";

const DAY_MS = 86_400_000;
/** Call history spans this many days before now. */
export const HISTORY_DAYS = 90;

/** Prisma's SQLite DateTime text form, so the app reads these rows like its own. */
const prismaDate = (time) => new Date(time).toISOString().replace("Z", "+00:00");

/** A remote party's number: +44 20 7946 0xxx or +1 201 555 01xx (E.164). */
const remoteNumber = (k) => (k % 3 === 0 ? `+120155501${String(k % 100).padStart(2, "0")}` : `+442079460${String(k % 1000).padStart(3, "0")}`);
/** Whether a page's text shows any remote party (E.164 or formatted with spaces, dashes, parentheses). */
export const showsRemoteNumber = (body) => /\+44207946\d{4}|\+120155501\d{2}/.test(body.replace(/[\s\u00a0()-]|&nbsp;/g, ""));

/** A user's name in both applications: user0000001…; seven digits cover a million. */
export const userName = (i) => `user${String(i).padStart(7, "0")}`;

const FIRST = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq"];
const LAST = ["Archer", "Baker", "Costa", "Dunn", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jones", "Kowalski", "Lopez", "Meyer", "Novak", "Okafor", "Patel", "Quist", "Rossi", "Smith", "Tanaka"];
/** The display name that sorts last (`?sort=displayName&dir=desc` shows it first) once there are 400 users. */
export const LAST_DISPLAY_NAME = "Tariq Tanaka";

// [status, weight, finishReason / leg endReason]: most calls are answered.
const STATUSES = [
  ["completed", 70, "hangup"],
  ["no_answer", 12, "no_answer"],
  ["failed", 6, "failed"],
  ["rejected", 5, "rejected"],
  ["terminated", 3, "terminated"],
  ["payment_required", 2, "payment_required"],
  ["error", 2, "error"],
];
const STATUS_OF = STATUSES.flatMap(([status, weight, reason]) => Array.from({ length: weight }, () => ({ status, reason })));
const OUTBOUND_INITIATORS = ["api", "api", "call_list", "panel"];

/** A cheap deterministic pseudo-random integer in [0, 2^32) for row `i` and stream `s`. */
const mix = (i, s) => {
  let h = Math.imul(i ^ (s * 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
};

/**
 * Inserts the benchmark's data into `dbFile` (migrated, demo seeded). `sizes`: { users,
 * growthUsers, calls, growthCalls, numbers, ledger } (row counts). Prints a line with the time each part
 * took and returns what the targets need: { accountId, sales, growth (each { id, users, calls }),
 * numbers (the account's, sorted), subuserNames, filterPrefix, seconds }.
 */
export async function insertBenchData(dbFile, sizes, { owner, appName, growthName }) {
  const started = performance.now();
  const timed = (label, fn) => {
    const t0 = performance.now();
    const n = fn();
    console.log(`  ${label}: ${n.toLocaleString("en-US")} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return n;
  };
  const passwordHash = await hash("Bench-User-1!", { algorithm: 2, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 });
  const sqlite = new Database(dbFile);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  // A page cache large enough (256 MB) that a million inserts do not re-read index pages from disk.
  sqlite.pragma("cache_size = -262144");
  try {
    const sales = sqlite.prepare(`SELECT a.id, a.accountId FROM Application a JOIN Account c ON c.id = a.accountId WHERE c.name = ? AND a.name = ?`).get(owner, appName);
    if (!sales) throw new Error(`The demo application "${appName}" is missing after seeding`);
    const accountId = sales.accountId;
    const now = Date.now();
    const nowText = prismaDate(now);
    sqlite.prepare(`INSERT INTO Application (accountId, name, createdAt, updatedAt) VALUES (?, ?, ?, ?)`).run(accountId, growthName, nowText, nowText);
    const growth = sqlite.prepare(`SELECT id FROM Application WHERE accountId = ? AND name = ?`).get(accountId, growthName);

    // --- phone numbers ------------------------------------------------------------------------
    const catalogue = JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "lib", "domains", "phone-numbers", "catalogue.json"), "utf8"));
    const regions = catalogue.countries.flatMap((country) => country.regions.map((region) => ({ country, region })));
    const insertNumber = sqlite.prepare(
      `INSERT OR IGNORE INTO PhoneNumber (number, countryCode, regionId, category, smsSupported, setupPriceMinor, monthlyPriceMinor, status, accountId,
         purchasedAt, nextRenewalAt, autoRenew, smsEnabled, label, applicationId, blockedReason, blockedAt, releaseAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    timed(`${sizes.numbers.toLocaleString("en-US")} phone numbers of the demo account`, () => {
      let inserted = 0;
      sqlite.transaction(() => {
        for (let i = 0; inserted < sizes.numbers && i < sizes.numbers * 3; i++) {
          const { country, region } = regions[i % regions.length];
          const k = Math.floor(i / regions.length);
          const nanp = country.dialCode === "1" && region.category !== "TOLLFREE";
          // The catalogue uses <prefix>555… (NANP) or <prefix>[2-9]… (elsewhere): 556… and 1… are free.
          const fixed = nanp ? `${region.prefix}556` : `${region.prefix}1`;
          const number = `+${country.dialCode}${fixed}${String(k).padStart(region.nationalLength - fixed.length, "0")}`;
          const blocked = i % 20 === 19;
          const purchased = now - (mix(i, 1) % 365) * DAY_MS;
          const renewal = now + (1 + (mix(i, 2) % 30)) * DAY_MS;
          const app = i % 5 < 2 ? sales.id : i % 5 === 2 ? growth.id : null;
          inserted += insertNumber.run(
            number,
            country.code,
            region.id,
            region.category,
            region.smsSupported ? 1 : 0,
            region.setupPriceMinor,
            region.monthlyPriceMinor,
            blocked ? "blocked" : "active",
            accountId,
            prismaDate(purchased),
            prismaDate(renewal),
            i % 7 === 0 ? 0 : 1,
            region.smsSupported && i % 3 === 0 ? 1 : 0,
            i % 4 === 0 ? `Line ${i}` : "",
            app,
            blocked ? "unpaid" : null,
            blocked ? prismaDate(now - DAY_MS) : null,
            blocked ? prismaDate(now + 13 * DAY_MS) : null,
            nowText,
          ).changes;
        }
      })();
      return inserted;
    });
    const numbers = sqlite
      .prepare(`SELECT number FROM PhoneNumber WHERE accountId = ? ORDER BY number`)
      .all(accountId)
      .map((r) => r.number);
    const localPool = numbers.slice(0, Math.max(1, Math.min(200, numbers.length)));

    // --- users --------------------------------------------------------------------------------
    const insertUser = sqlite.prepare(
      `INSERT INTO AppUser (accountId, applicationId, name, displayName, passwordHash, active, parentAccounting, balanceMinor, customData, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?)`,
    );
    const insertUsers = (appId, count) => {
      const start = now - count * 60_000;
      sqlite.transaction(() => {
        for (let i = 1; i <= count; i++) {
          // Shuffled so name, display name and creation order all differ.
          const k = (i * 7919) % count;
          const display = `${FIRST[k % FIRST.length]} ${LAST[Math.floor(k / FIRST.length) % LAST.length]} ${k}`;
          const at = prismaDate(start + ((i * 104729) % count) * 60_000);
          insertUser.run(accountId, appId, userName(i), display, passwordHash, i % 17 === 0 ? 0 : 1, i % 5 === 0 ? 0 : 1, at, at);
        }
      })();
      return count;
    };
    timed(`users in "${appName}"`, () => insertUsers(sales.id, sizes.users));
    timed(`users in "${growthName}"`, () => insertUsers(growth.id, sizes.growthUsers));
    const userIds = (appId) => sqlite.prepare(`SELECT MIN(id) AS lo, MAX(id) AS hi FROM AppUser WHERE applicationId = ? AND name LIKE 'user%'`).get(appId);

    // --- call history -------------------------------------------------------------------------
    // A build without the voice runtime has no call tables: its call lines are n/a, not a crash.
    const hasTable = (table) => sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
    const callTables = hasTable("CallSession") && hasTable("CallLeg");
    const insertSession = callTables && sqlite.prepare(
      `INSERT INTO CallSession (accountId, applicationId, ruleId, ruleName, initiator, direction, fromNumber, toNumber, appUserId, status, finishReason,
         startedAt, plannedEndAt, endedAt, durationSeconds, costMinor)
       VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLeg = callTables && sqlite.prepare(
      `INSERT INTO CallLeg (sessionId, accountId, localNumber, remoteNumber, remoteNumberType, incoming, successful, startedAt, durationSeconds,
         pricePerMinuteMinor, costMinor, endReason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertCalls = (appId, count) => {
      const { lo, hi } = userIds(appId);
      const span = HISTORY_DAYS * DAY_MS;
      const first = now - span;
      let legs = 0;
      sqlite.transaction(() => {
        for (let i = 0; i < count; i++) {
          const r = mix(i, appId);
          const { status, reason } = STATUS_OF[r % 100];
          const inbound = (r >>> 8) % 5 < 2;
          const answered = status === "completed";
          // Mostly short calls, a long tail up to half an hour.
          const duration = answered ? 5 + (((r >>> 12) % 120) * ((r >>> 20) % 15)) : 0;
          const ring = 2 + ((r >>> 4) % 20);
          const started = first + Math.floor((i / count) * span) + ((r >>> 16) % 60_000);
          const ended = started + (ring + duration) * 1000;
          const local = localPool[(r >>> 3) % localPool.length];
          const remote = remoteNumber(r >>> 5);
          const user = lo !== null && (r >>> 24) % 5 === 0 ? lo + ((r >>> 7) % (hi - lo + 1)) : null;
          const price = inbound ? 1 : 2;
          const cost = Math.ceil(duration / 60) * price;
          const initiator = inbound ? "inbound" : OUTBOUND_INITIATORS[(r >>> 9) % OUTBOUND_INITIATORS.length];
          const startedText = prismaDate(started);
          const endedText = prismaDate(ended);
          const { lastInsertRowid: sessionId } = insertSession.run(
            accountId,
            appId,
            inbound ? "inbound calls" : "outbound campaign",
            initiator,
            inbound ? "inbound" : "outbound",
            inbound ? remote : local,
            inbound ? local : remote,
            user,
            status,
            reason,
            startedText,
            endedText,
            endedText,
            duration,
            cost,
          );
          insertLeg.run(sessionId, accountId, local, remote, "pstn", inbound ? 1 : 0, answered ? 1 : 0, startedText, duration, price, cost, reason);
          legs++;
          if (answered && (r >>> 2) % 3 === 0) {
            // A forward: the second party, answered for part of the call.
            const forwarded = Math.floor(duration / 2);
            insertLeg.run(sessionId, accountId, local, remoteNumber(r >>> 11), "pstn", 0, 1, prismaDate(started + (ring + duration - forwarded) * 1000), forwarded, 2, Math.ceil(forwarded / 60) * 2, "hangup");
            legs++;
          }
        }
      })();
      return count + legs;
    };
    if (callTables) {
      timed(`call sessions and legs on "${appName}" (${sizes.calls.toLocaleString("en-US")} sessions)`, () => insertCalls(sales.id, sizes.calls));
      timed(`call sessions and legs on "${growthName}" (${sizes.growthCalls.toLocaleString("en-US")} sessions)`, () => insertCalls(growth.id, sizes.growthCalls));
    } else {
      console.log("  call sessions: none (this build has no CallSession table)");
    }

    // --- the ledger -----------------------------------------------------------------------------
    // `ledger` entries of the demo account over the last 365 days, oldest first: a top-up every
    // 50th entry, the rest charges (calls, SMS, number rent) small enough that the balance stays
    // positive. Memos carry "bench" so a page shows it found them.
    const insertEntry = sqlite.prepare(
      `INSERT INTO LedgerEntry (accountId, amountMinor, kind, memo, referenceType, referenceId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const CHARGES = [
      ["call", "bench call"],
      ["sms", "bench SMS"],
      ["number_rent", "bench number rent"],
    ];
    timed(`ledger entries of the demo account`, () => {
      const span = 365 * DAY_MS;
      sqlite.transaction(() => {
        for (let i = 0; i < sizes.ledger; i++) {
          const r = mix(i, 7);
          const at = prismaDate(now - span + Math.floor((i / Math.max(1, sizes.ledger)) * span));
          if (i % 50 === 0) insertEntry.run(accountId, 100_00, "topup", `bench top-up ${i}`, "payment", `bench-${i}`, at);
          else {
            const [kind, memo] = CHARGES[r % CHARGES.length];
            insertEntry.run(accountId, -(1 + (r % 150)), kind, `${memo} ${i}`, "", "", at);
          }
        }
      })();
      return sizes.ledger;
    });

    const count = (table, appId) => (hasTable(table) ? sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE applicationId = ?`).get(appId).n : 0);
    const subuserNames = sqlite
      .prepare(`SELECT name FROM Subuser WHERE accountId = ? ORDER BY name`)
      .all(accountId)
      .map((r) => r.name);
    // The planner's statistics as a running server has them: its scheduler (off in the bench) runs
    // this PRAGMA when it starts and hourly (lib/core/planner-statistics.ts, SQLITE_OPTIMIZE_MASK).
    sqlite.pragma("optimize=0x10012");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    // A prefix matching the hundred users user00NNN00…99 a little past the middle of "sales"; the
    // same names exist in "growth" when it is at least as large.
    const filterPrefix = userName(Math.floor(sizes.users * 0.42)).slice(0, -2);
    return {
      accountId,
      sales: { id: sales.id, users: count("AppUser", sales.id), calls: count("CallSession", sales.id) },
      growth: { id: growth.id, users: count("AppUser", growth.id), calls: count("CallSession", growth.id) },
      numbers,
      subuserNames,
      filterPrefix,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    sqlite.close();
  }
}
