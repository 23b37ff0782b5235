"use client";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { Column, RowData } from "@tanstack/react-table";
import type { DataTableFeatures } from "./features";

/** aria-sort value for a column's th; undefined for columns that cannot sort. */
export function ariaSortOf<TData extends RowData>(column: Column<DataTableFeatures, TData, unknown>): "ascending" | "descending" | "none" | undefined {
  if (!column.getCanSort()) return undefined;
  const sorted = column.getIsSorted();
  return sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none";
}

/** The sort toggle inside a sortable th (the th itself carries aria-sort). */
export function SortableHeader<TData extends RowData>({ column, title }: { column: Column<DataTableFeatures, TData, unknown>; title: string }) {
  const sorted = column.getIsSorted();
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-0.5 font-medium hover:bg-slate-100 hover:text-slate-900"
    >
      {title}
      <Icon aria-hidden className={sorted ? "size-3.5 text-slate-700" : "size-3.5 text-slate-400"} />
    </button>
  );
}
