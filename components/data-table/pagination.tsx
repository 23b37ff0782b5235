"use client";
import { useId } from "react";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "./search-params";

/** A pager button at the end it leads to: shown as disabled, still focusable. */
const OFF = "aria-disabled:cursor-not-allowed aria-disabled:text-slate-600 aria-disabled:opacity-70";

/**
 * "Page x of y", previous/next and the page size, for either mode. `page` is 1-based. Shown only
 * when there is more than one page (or a non-default page size was chosen, so it can be undone).
 */
export function DataTablePagination({
  page,
  pageCount,
  pageSize,
  rowCount,
  onPageChange,
  onPageSizeChange,
}: {
  page: number;
  pageCount: number;
  pageSize: number;
  rowCount: number;
  onPageChange: (page: number) => void;
  onPageSizeChange: (size: number) => void;
}) {
  const sizeId = useId();
  const pages = Math.max(1, pageCount);
  if (pages <= 1 && pageSize === DEFAULT_PAGE_SIZE) return null;
  return (
    <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      <p>
        {rowCount === 1 ? "1 row" : `${rowCount.toLocaleString("en-US")} rows`}
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex items-center gap-2">
          <label htmlFor={sizeId}>Rows per page</label>
          <select
            id={sizeId}
            value={pageSize}
            onChange={(e) => onPageSizeChange(Number(e.target.value))}
            className="rounded-md border-0 bg-white py-1 pl-2 pr-7 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
          >
            {PAGE_SIZES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <p aria-live="polite" data-testid="page-status">
          Page {Math.min(page, pages)} of {pages}
        </p>
        <div className="flex items-center gap-1">
          {/* aria-disabled, not disabled: the button pressed to reach the first or last page keeps the focus (a disabled one drops it to the page's start). */}
          <Button variant="secondary" size="sm" aria-disabled={page <= 1} className={OFF} onClick={() => page > 1 && onPageChange(page - 1)}>
            <ChevronLeft aria-hidden className="size-4" />
            Previous
          </Button>
          <Button variant="secondary" size="sm" aria-disabled={page >= pages} className={OFF} onClick={() => page < pages && onPageChange(page + 1)}>
            Next
            <ChevronRight aria-hidden className="size-4" />
          </Button>
        </div>
      </div>
    </nav>
  );
}
