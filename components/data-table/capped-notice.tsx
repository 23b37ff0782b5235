import { COUNT_CAP } from "@/lib/core/paging";

/**
 * Above a list whose count stopped at COUNT_CAP (lib/core/paging.ts): says the pager ends there
 * and how to reach the rest. `noun` is the rows' plural ("calls", "entries").
 */
export function CappedNotice({ noun }: { noun: string }) {
  return (
    <p className="mb-2 text-sm text-slate-700" role="status" data-capped-count>
      More than {COUNT_CAP.toLocaleString("en")} {noun} match: the pager stops there. Narrow the dates or filters to reach older {noun}.
    </p>
  );
}
