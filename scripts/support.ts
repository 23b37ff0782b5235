// `npm run support -- <command>`: the support team's side of support tickets, run on the server
// by whoever operates this installation (there is no operator login in the panel: whoever can run
// this can read every account's database anyway). Commands:
//
//   list [--all]                               tickets waiting for support, longest waiting first
//                                              (--all: answered and closed ones too)
//   show <ticket>                              a ticket's conversation
//   reply <ticket> --as <name> <message…>      answers it: the account sees the answer on the
//                                              ticket, in Notifications and in Logs
//                                              ("Support (<name>)"); "-" reads the message from stdin
//   close <ticket> --as <name>                 closes it (the account can reopen it by writing)
//
// Exit codes: 0 done, 1 refused (no such ticket, a bad message), 2 bad usage.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { db } from "@/lib/core/db";
import { isAppError } from "@/lib/core/errors";
import { formatUtc } from "@/lib/core/format";
import { answerTicket, operatorCloseTicket } from "@/lib/domains/support/mutations";
import { operatorTicket, operatorTicketQueue } from "@/lib/domains/support/queries";
import { SUPPORT_CATEGORY_LABELS, TICKET_STATUS_LABELS } from "@/lib/domains/support/client-safe";

const USAGE = `usage: npm run support -- list [--all]   (--all: answered and closed tickets too)
       npm run support -- show <ticket>
       npm run support -- reply <ticket> --as <name> <message…>   ("-" reads the message from stdin)
       npm run support -- close <ticket> --as <name>`;

function usage(problem: string): never {
  console.error(`${problem}\n${USAGE}`);
  process.exit(2);
}

/** The options and words after the command, or the usage (exit 2) for an unknown option. */
function args() {
  try {
    return parseArgs({ allowPositionals: true, options: { all: { type: "boolean" }, as: { type: "string" }, help: { type: "boolean", short: "h" } } });
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
}

const notFound = (id: number) => {
  console.error(`Ticket #${id} not found`);
  process.exit(1);
};

function ticketIdOf(arg: string | undefined): number {
  const id = Number(arg);
  if (!arg || !Number.isSafeInteger(id) || id <= 0) usage(`Give the ticket's number (${arg ? `not "${arg}"` : "missing"}).`);
  return id;
}

async function main(): Promise<void> {
  const { values, positionals } = args();
  const [command, ...rest] = positionals;
  if (values.help || command === "help") return console.log(USAGE);
  switch (command) {
    case "list": {
      const rows = await operatorTicketQueue(values.all ? ["open", "answered", "closed"] : ["open"]);
      if (rows.length === 0) return console.log(values.all ? "No tickets." : "No ticket is waiting for support.");
      console.log("ticket  status               last message (UTC)   account / opened by  [about]  subject");
      for (const t of rows) {
        console.log(`#${t.id}  ${TICKET_STATUS_LABELS[t.status].padEnd(19)}  ${formatUtc(t.lastMessageAt)}  ${t.account} / ${t.openedBy}  [${SUPPORT_CATEGORY_LABELS[t.category]}]  ${t.subject}`);
      }
      return;
    }
    case "show": {
      const id = ticketIdOf(rest[0]);
      const t = await operatorTicket(id);
      if (!t) return notFound(id);
      console.log(`#${t.id} ${t.subject}\n${t.account} · ${SUPPORT_CATEGORY_LABELS[t.category]} · ${TICKET_STATUS_LABELS[t.status]} · opened ${formatUtc(t.createdAt)} by ${t.openedBy}\n`);
      for (const m of t.messages) console.log(`— ${m.fromSupport ? `${m.author} (support)` : m.author}, ${formatUtc(m.createdAt)}\n${m.body}\n`);
      return;
    }
    case "reply":
    case "close": {
      const id = ticketIdOf(rest[0]);
      if (!values.as) usage("Say who you are with --as <name>: the account sees it.");
      if (!(await operatorTicket(id))) return notFound(id);
      if (command === "close") {
        const closed = await operatorCloseTicket(id, values.as);
        return console.log(closed ? `Ticket #${id} closed.` : `Ticket #${id} was already closed.`);
      }
      const words = rest.slice(1);
      const message = words.length === 1 && words[0] === "-" ? readFileSync(0, "utf8") : words.join(" ");
      await answerTicket(id, values.as, message);
      return console.log(`Answered ticket #${id}: the account is notified.`);
    }
    default:
      usage(command ? `Unknown command "${command}".` : "Give a command.");
  }
}

// `show 12 | head`: the reader went away; nothing is wrong.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

main()
  .catch((e: unknown) => {
    if (isAppError(e)) {
      console.error(e.message);
      process.exitCode = 1;
      return;
    }
    throw e;
  })
  .finally(() => db.$disconnect());
