import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, FileJson } from "lucide-react";
import { requireSection } from "@/lib/server/guards";
import { Badge, Card, PageHeader } from "@/components/ui/page";
import { METHODS } from "@/lib/api/methods";
import { buildOpenApi, operationParams, type OpenApiOperation } from "@/lib/api/openapi";
import { sectionHref } from "@/lib/routes";
import { sectionTitle } from "@/lib/nav";

export const metadata: Metadata = { title: "Management API reference" };

type Schema = Record<string, unknown>;

/** A JSON Schema, as a short type for people: "integer ≥ 1", "list of integer", "all | list of integer". */
function typeOf(s: Schema): string {
  if (Array.isArray(s.anyOf)) return (s.anyOf as Schema[]).map(typeOf).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === "array") return `list of ${typeOf((s.items as Schema) ?? {})}`;
  if (s.type === "integer" || s.type === "number") {
    const bounds = [
      typeof s.minimum === "number" ? `≥ ${s.minimum}` : null,
      typeof s.maximum === "number" && s.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${s.maximum}` : null,
    ].filter(Boolean);
    return [String(s.type), ...bounds].join(" ");
  }
  if (s.type === "boolean") return "boolean";
  if (s.type === "string") return s.format === "date-time" ? "date" : "string";
  return "any";
}

/** The document's descriptions use `code` spans (Markdown, as OpenAPI allows); render just those. */
function WithCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/`([^`]+)`/).map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.85em] text-slate-800">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

function MethodCard({ op }: { op: OpenApiOperation }) {
  const params = operationParams(op);
  const roles = op["x-allowed-roles"];
  return (
    <Card className="scroll-mt-6">
      <section id={op.operationId} aria-labelledby={`${op.operationId}-title`} data-api-method={op.operationId}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 id={`${op.operationId}-title`} className="font-mono text-base font-semibold text-slate-900">
            {op.operationId}
          </h3>
          <code className="text-xs text-slate-600">POST /platform_api/{op.operationId}</code>
        </div>
        <p className="mt-1 text-sm text-slate-600">
          <WithCode text={op.summary} />
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-1 text-xs text-slate-600">
          <span className="mr-1">Allowed key roles:</span>
          {roles === "any" ? (
            <Badge tone="green">any key</Badge>
          ) : (
            roles.map((r) => (
              <Badge key={r} tone="blue">
                {r}
              </Badge>
            ))
          )}
        </div>
        {op["x-one-of"]?.map((o) => (
          <p key={o.params.join()} className="mt-2 text-xs text-slate-600">
            Exactly one of <code>{o.params[0]}</code> and <code>{o.params[1]}</code> {o.required ? "is required" : "may be given"}.
          </p>
        ))}
        {params.length > 0 ? (
          <div className="relative mt-3 overflow-x-auto" tabIndex={0} role="region" aria-label={`Parameters of ${op.operationId}`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Parameters of {op.operationId}</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Parameter
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Type
                </th>
                <th scope="col" className="py-1 font-medium">
                  Description
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {params.map((p) => (
                <tr key={p.name}>
                  <td className="py-1.5 pr-3 align-top">
                    <code className="font-medium text-slate-900">{p.name}</code>
                    {p.required ? <span className="ml-1 text-xs text-red-700">required</span> : null}
                  </td>
                  <td className="whitespace-nowrap py-1.5 pr-3 align-top text-slate-600">{typeOf(p.schema)}</td>
                  <td className="py-1.5 align-top text-slate-600">
                    {p.description ?? ""}
                    {p.schema.default !== undefined ? <span className="text-slate-600"> (default {JSON.stringify(p.schema.default)})</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        ) : (
          <p className="mt-3 text-sm text-slate-600">No parameters.</p>
        )}
      </section>
    </Card>
  );
}

export default async function ApiDocsPage() {
  await requireSection("service_accounts");
  const doc = buildOpenApi(METHODS);
  const ops = Object.values(doc.paths).map((p) => p.post);
  const groups = doc.tags.map((t) => ({ name: t.name, ops: ops.filter((o) => o.tags.includes(t.name)) }));
  return (
    <>
      <PageHeader
        title="Management API reference"
        crumbs={[{ label: "Settings" }, { label: sectionTitle("service_accounts"), href: sectionHref("service_accounts") }]}
        description="Every method this server answers, generated from the same schemas the API validates with."
        actions={
          <>
            <Link href={sectionHref("service_accounts")} className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline">
              <ArrowLeft className="size-4" aria-hidden />
              Service accounts
            </Link>
            <a href="/platform_api/openapi.json" className="inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline">
              <FileJson className="size-4" aria-hidden />
              openapi.json
            </a>
          </>
        }
      />
      <Card className="mb-6">
        <div className="whitespace-pre-line text-sm leading-6 text-slate-600">
          <WithCode text={doc.info.description} />
        </div>
      </Card>
      <div className="grid grid-cols-1 gap-8 lg:grid-cols-[12rem_minmax(0,1fr)]">
        <nav aria-label="Methods" className="min-w-0 text-sm lg:sticky lg:top-20 lg:self-start">
          {groups.map((g) => (
            <div key={g.name} className="mb-4">
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{g.name}</p>
              <ul className="space-y-0.5">
                {g.ops.map((o) => (
                  <li key={o.operationId}>
                    <a href={`#${o.operationId}`} className="block break-all py-1 font-mono text-slate-700 hover:text-brand-700">
                      {o.operationId}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <div className="min-w-0 space-y-8">
          {groups.map((g) => (
            <div key={g.name} className="space-y-4">
              <h2 className="text-lg font-semibold text-slate-900">{g.name}</h2>
              {g.ops.map((o) => (
                <MethodCard key={o.operationId} op={o} />
              ))}
            </div>
          ))}
        </div>
      </div>
    </>
  );
}
