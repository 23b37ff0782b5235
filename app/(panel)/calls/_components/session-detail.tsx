import "server-only";
// A call session's detail (/calls/<id>, /applications/<appId>/call-history/<id>): what happened,
// its legs with their prices and charges, the scenario's log and the recordings. A recording of a
// secure-storage application gets a fresh signed URL on every render. While the session runs the
// page refreshes itself (AutoRefresh), so the result shows once the call scheduler has ended it.
import Link from "next/link";
import { can } from "@/lib/access/matrix";
import type { PanelActor } from "@/lib/access/actor-types";
import { formatMoney } from "@/lib/domains/billing/money";
import { routes } from "@/lib/routes";
import type { CallSessionDetailDto } from "@/lib/domains/calls/queries";
import { recordingUrl } from "@/lib/domains/recordings/signing";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { Card } from "@/components/ui/page";
import { DateTime } from "@/components/ui/date-time";
import { formatDuration } from "./format";
import { RecordingPlayer } from "./recording-player";
import { StatusBadge } from "./status-badge";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const INITIATORS = { panel: "Test call (panel)", api: "StartScenarios (API)", inbound: "Inbound call", call_list: "Call list" } as const;

/** Who started the session; a call list by its name, linked for holders of the application's call lists. */
function StartedBy({ actor, s }: { actor: PanelActor; s: CallSessionDetailDto }) {
  if (!s.callList || !can(actor, "application.call_lists")) return INITIATORS[s.initiator];
  return (
    <>
      Call list{" "}
      <Link href={routes.callList(s.applicationId, s.callList.id)} className="font-medium text-brand-700 hover:underline" data-testid="session-call-list">
        {s.callList.name}
      </Link>
    </>
  );
}

export function SessionDetail({ actor, s }: { actor: PanelActor; s: CallSessionDetailDto }) {
  const now = new Date();
  const canDelete = can(actor, "recordings.delete");
  return (
    <div className="space-y-6" data-testid="call-session" data-status={s.status}>
      {s.status === "running" ? <AutoRefresh /> : null}
      <Card>
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Fact label="Status">
            <StatusBadge status={s.status} />
          </Fact>
          <Fact label="Finish reason">{s.finishReason || (s.status === "running" ? "Still running" : "—")}</Fact>
          <Fact label="Started">
            <DateTime value={s.startedAt} />
          </Fact>
          <Fact label={s.status === "running" ? "Planned end" : "Ended"}>
            <DateTime value={s.endedAt ?? s.plannedEndAt} />
          </Fact>
          <Fact label="Application">{s.applicationName}</Fact>
          <Fact label="Rule">{s.ruleName || "—"}</Fact>
          <Fact label="Started by">
            <StartedBy actor={actor} s={s} />
          </Fact>
          <Fact label="Direction">{s.direction === "inbound" ? "Inbound" : "Outbound"}</Fact>
          <Fact label="From">
            <span className="font-mono">{s.from || "—"}</span>
          </Fact>
          <Fact label="To">
            <span className="font-mono">{s.to || "—"}</span>
          </Fact>
          <Fact label="Duration">{formatDuration(s.durationSeconds)}</Fact>
          <Fact label="Cost">{formatMoney(s.costMinor)}</Fact>
          {s.userName ? <Fact label="Application user">{s.userName}</Fact> : null}
          {s.customData ? (
            <Fact label="Custom data">
              <span className="break-words font-mono text-xs">{s.customData}</span>
            </Fact>
          ) : null}
        </dl>
      </Card>

      <section aria-labelledby="legs-h">
        <h2 id="legs-h" className="mb-2 text-base font-semibold text-slate-900">
          Calls
        </h2>
        {s.legs.length === 0 ? (
          <p className="text-sm text-slate-700">{s.status === "running" ? "The session's calls are listed when it ends." : "The session placed no call."}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 bg-white text-sm">
              <caption className="sr-only">The session&apos;s calls</caption>
              <thead className="bg-slate-50 text-left text-xs font-medium text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2">Direction</th>
                  <th scope="col" className="px-3 py-2">Local</th>
                  <th scope="col" className="px-3 py-2">Remote</th>
                  <th scope="col" className="px-3 py-2">Started</th>
                  <th scope="col" className="px-3 py-2">Duration</th>
                  <th scope="col" className="px-3 py-2">Price / min</th>
                  <th scope="col" className="px-3 py-2">Cost</th>
                  <th scope="col" className="px-3 py-2">Result</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {s.legs.map((l) => (
                  <tr key={l.id} data-testid="call-leg">
                    <td className="px-3 py-2">{l.incoming ? "Incoming" : "Outgoing"}</td>
                    <td className="px-3 py-2 font-mono text-xs">{l.localNumber}</td>
                    <td className="px-3 py-2 font-mono text-xs">
                      {l.remoteNumber} <span className="font-sans text-slate-600">({l.remoteNumberType})</span>
                    </td>
                    <td className="px-3 py-2">
                      <DateTime value={l.startedAt} />
                    </td>
                    <td className="px-3 py-2 tabular-nums">{formatDuration(l.durationSeconds)}</td>
                    <td className="px-3 py-2 tabular-nums">{formatMoney(l.pricePerMinuteMinor)}</td>
                    <td className="px-3 py-2 tabular-nums">{formatMoney(l.costMinor)}{l.chargedAppUserId !== null ? " (user's balance)" : ""}</td>
                    <td className="px-3 py-2">{l.successful ? "Connected" : "Not connected"}{l.endReason ? `: ${l.endReason}` : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rec-h">
        <h2 id="rec-h" className="mb-2 text-base font-semibold text-slate-900">
          Recordings
        </h2>
        {s.recordings.length === 0 ? (
          <p className="text-sm text-slate-700">{s.status === "running" ? "Recordings appear when the session ends." : "Nothing was recorded: a scenario records with call.record()."}</p>
        ) : (
          <ul className="space-y-3">
            {s.recordings.map((r) => (
              <RecordingPlayer
                key={r.id}
                canDelete={canDelete}
                recording={{
                  id: r.id,
                  name: r.name,
                  durationSeconds: r.durationSeconds,
                  sizeBytes: r.sizeBytes,
                  deleted: r.deletedAt !== null,
                  playUrl: recordingUrl(r.id, { secure: s.secureRecordStorage, now }),
                  downloadUrl: recordingUrl(r.id, { secure: s.secureRecordStorage, now, download: true }),
                }}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="log-h">
        <h2 id="log-h" className="mb-2 text-base font-semibold text-slate-900">
          Session log
        </h2>
        {s.log.length === 0 ? (
          <p className="text-sm text-slate-700">{s.status === "running" ? "The log is written when the session ends." : "No log lines."}</p>
        ) : (
          <ol className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs text-slate-800 ring-1 ring-slate-200" aria-label="Session log">
            {s.log.map((l, i) => (
              <li key={i} className="whitespace-pre-wrap break-words">
                <span className="text-slate-600">{l.at.toISOString().slice(11, 23)}Z</span>{" "}
                <span className={l.source === "scenario" ? "text-emerald-700" : "text-brand-700"}>[{l.source}]</span> {l.line}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
