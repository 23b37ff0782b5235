// The one feature set every panel list uses. Registered statically (outside components) so
// TanStack Table v9 can infer column and state types from it.
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  type ColumnDef,
  type RowData,
} from "@tanstack/react-table";

export type DataTableColumnMeta = {
  /** Accessible name of the sort button when `header` is not a plain string. */
  label?: string;
  /**
   * Extra classes for the column's th and td (alignment, width; `hidden sm:table-cell` for a
   * column a phone shows inside another cell instead, as Profile's sessions do).
   */
  className?: string;
  /** The header's text is for screen readers only (an actions column): never an empty th. */
  srOnlyHeader?: boolean;
};

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  rowPaginationFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, datetime: sortFn_datetime, basic: sortFn_basic },
  filterFns: { includesString: filterFn_includesString },
  columnMeta: {} as DataTableColumnMeta,
});

export type DataTableFeatures = typeof dataTableFeatures;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- column value types vary per column, as in TanStack's own ColumnDef arrays
export type DataTableColumn<TData extends RowData> = ColumnDef<DataTableFeatures, TData, any>;

/** Typed column helper bound to the kit's features: `const col = columnHelper<User>()`. */
export function columnHelper<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

/**
 * A list's row-actions column (a row menu, or a row's buttons): not sortable, its header
 * "Actions" for screen readers only. `className` is its width and alignment (th and td).
 */
export function actionsColumn<TData extends RowData>(cell: NonNullable<DataTableColumn<TData>["cell"]>, className = "w-12 text-right"): DataTableColumn<TData> {
  return { id: "actions", header: "Actions", enableSorting: false, meta: { className, label: "Actions", srOnlyHeader: true }, cell };
}
