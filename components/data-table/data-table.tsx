"use client";
/**
 * The panel's one list kit (TanStack Table v9: `useTable` + `tableFeatures`). Two modes:
 *
 * - client mode (default), for small lists: the whole list is passed in; sorting, the text
 *   filter and paging happen in the browser.
 * - server mode, for lists that can grow: the list state lives in the URL
 *   (?q=&sort=&dir=&page=&size=); the page (a server component) parses it with
 *   `parseListParams` from "./search-params", fetches only that page and its total, and passes
 *   both here. Sorting, paging and the (debounced) filter update the URL with router.replace.
 *
 * Columns are TanStack column defs typed by the kit's features (`DataTableColumn<Row>` or
 * `columnHelper<Row>()`); define them in a "use client" file (cells are functions) and memoise
 * them. A column sorts when it has an accessor and `enableSorting` is not false; its th gets
 * aria-sort and a sort button named after the string `header` (or `meta.label`). In server
 * mode the sortable columns' ids must be the allowed `sort` values of the page.
 *
 * @example client mode (e.g. the subusers list)
 * ```tsx
 * "use client";
 * const columns: DataTableColumn<SubuserRow>[] = [
 *   { accessorKey: "name", header: "Name" },
 *   { accessorKey: "createdAt", header: "Created", sortFn: "datetime", cell: (c) => formatDate(c.getValue()) },
 *   { id: "actions", header: "", meta: { className: "w-10" }, cell: ({ row }) => <RowActions row={row.original} /> },
 * ];
 * <DataTable columns={columns} data={rows} getRowId={(r) => String(r.id)}
 *   filterLabel="Filter subusers" initialSort={{ id: "name" }} emptyMessage="No subusers yet." />
 * ```
 *
 * @example server mode (e.g. the logs list)
 * ```tsx
 * // page.tsx (server component)
 * const params = parseListParams(await searchParams, { sort: ["createdAt", "action"], defaultDir: "desc" });
 * const { rows, total } = await listLogs(actor, { ...params, skip: skipOf(params), take: params.size });
 * return <LogsTable rows={rows} total={total} params={params} />;
 * // logs-table.tsx ("use client")
 * <DataTable mode="server" params={params} rowCount={total} columns={columns} data={rows}
 *   getRowId={(r) => String(r.id)} filterLabel="Filter logs" emptyMessage="No log entries." />
 * ```
 */
import { useState } from "react";
import { functionalUpdate, useTable, type RowData, type SortingState, type Table } from "@tanstack/react-table";
import { cn } from "@/lib/core/cn";
import { dataTableFeatures, type DataTableColumn, type DataTableFeatures } from "./features";
import { ariaSortOf, SortableHeader } from "./column-header";
import { DataTableToolbar } from "./toolbar";
import { DataTablePagination } from "./pagination";
import { useListUrl } from "./use-list-url";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, type ListParams, type PageSize } from "./search-params";

export { columnHelper, type DataTableColumn, type DataTableColumnMeta } from "./features";
export { SortableHeader } from "./column-header";
export { DataTableToolbar } from "./toolbar";
export { DataTablePagination } from "./pagination";
export type { ListParams, PageSize } from "./search-params";

type CommonProps<TData extends RowData> = {
  columns: DataTableColumn<TData>[];
  data: TData[];
  getRowId: (row: TData) => string;
  /** Visible label of the filter input, e.g. "Filter users". */
  filterLabel: string;
  filterPlaceholder?: string;
  /** Shown in the table body when there are no rows and no filter is set. */
  emptyMessage: React.ReactNode;
  /** Accessible name of the table (a visually hidden caption). */
  caption?: string;
  /** Rendered at the right of the toolbar, e.g. a Create button. */
  toolbarActions?: React.ReactNode;
};

export type ClientDataTableProps<TData extends RowData> = CommonProps<TData> & {
  mode?: "client";
  initialSort?: { id: string; desc?: boolean };
  pageSize?: PageSize;
};

export type ServerDataTableProps<TData extends RowData> = CommonProps<TData> & {
  mode: "server";
  /** The parsed URL state (from parseListParams), passed down from the server component. */
  params: ListParams;
  /** Total rows matching the filter (all pages). */
  rowCount: number;
};

export type DataTableProps<TData extends RowData> = ClientDataTableProps<TData> | ServerDataTableProps<TData>;

export function DataTable<TData extends RowData>(props: DataTableProps<TData>) {
  return props.mode === "server" ? <ServerDataTable {...props} /> : <ClientDataTable {...props} />;
}

function ClientDataTable<TData extends RowData>(props: ClientDataTableProps<TData>) {
  const { columns, data, getRowId, initialSort, pageSize = DEFAULT_PAGE_SIZE } = props;
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => getRowId(row),
    globalFilterFn: "includesString",
    initialState: {
      sorting: initialSort ? [{ id: initialSort.id, desc: initialSort.desc ?? false }] : [],
      pagination: { pageIndex: 0, pageSize },
      globalFilter: "",
    },
  });
  const filter = String(table.state.globalFilter ?? "");
  const { pageIndex, pageSize: size } = table.state.pagination;
  return (
    <div>
      <DataTableToolbar
        label={props.filterLabel}
        placeholder={props.filterPlaceholder}
        value={filter}
        onChange={(v) => {
          table.setGlobalFilter(v);
          table.setPageIndex(0);
        }}
        actions={props.toolbarActions}
      />
      <TableView table={table} columnsCount={columns.length} caption={props.caption} emptyMessage={filter ? `No results for “${filter}”.` : props.emptyMessage} />
      <DataTablePagination
        page={pageIndex + 1}
        pageCount={table.getPageCount()}
        pageSize={size}
        rowCount={table.getRowCount()}
        onPageChange={(p) => table.setPageIndex(p - 1)}
        onPageSizeChange={(s) => table.setPagination({ pageIndex: 0, pageSize: s })}
      />
    </div>
  );
}

function ServerDataTable<TData extends RowData>(props: ServerDataTableProps<TData>) {
  const { columns, data, getRowId, params, rowCount } = props;
  const { update, isPending } = useListUrl();
  // Optimistic copy of the URL state so the header and pager respond before the server does.
  const [pending, setPending] = useState<{ key: string; sorting: SortingState } | null>(null);
  const key = `${params.sort}:${params.dir}`;
  const urlSorting: SortingState = [{ id: params.sort, desc: params.dir === "desc" }];
  const sorting = pending && pending.key === key ? pending.sorting : urlSorting;

  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId: (row) => getRowId(row),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    // The server always orders by something: clicking a sorted column flips it.
    enableSortingRemoval: false,
    rowCount,
    state: {
      sorting,
      pagination: { pageIndex: params.page - 1, pageSize: params.size },
      globalFilter: params.q,
    },
    onSortingChange: (updater) => {
      const next = functionalUpdate(updater, sorting);
      setPending({ key, sorting: next });
      const s = next[0];
      update({ sort: s?.id ?? null, dir: s ? (s.desc ? "desc" : "asc") : null, page: null });
    },
  });

  return (
    <div>
      <DataTableToolbar
        label={props.filterLabel}
        placeholder={props.filterPlaceholder}
        value={params.q}
        debounceMs={300}
        onChange={(v) => update({ q: v.trim() || null, page: null })}
        actions={props.toolbarActions}
      />
      <TableView
        table={table}
        columnsCount={columns.length}
        caption={props.caption}
        busy={isPending}
        emptyMessage={params.q ? `No results for “${params.q}”.` : props.emptyMessage}
      />
      <DataTablePagination
        page={params.page}
        pageCount={table.getPageCount()}
        pageSize={params.size}
        rowCount={rowCount}
        onPageChange={(p) => update({ page: p })}
        onPageSizeChange={(s) => update({ size: (PAGE_SIZES as readonly number[]).includes(s) ? s : null, page: null })}
      />
    </div>
  );
}

function TableView<TData extends RowData>({
  table,
  columnsCount,
  caption,
  emptyMessage,
  busy,
}: {
  table: Table<DataTableFeatures, TData>;
  columnsCount: number;
  caption?: string;
  emptyMessage: React.ReactNode;
  busy?: boolean;
}) {
  const rows = table.getRowModel().rows;
  return (
    // Wide tables scroll inside their own box (never the page); the box is a labelled tab stop so
    // a keyboard can scroll it too.
    // `relative` keeps the screen-reader-only texts (positioned absolutely) inside the box too.
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200" tabIndex={0} role="region" aria-label={caption ?? "Table"}>
      <table aria-busy={busy || undefined} className={cn("w-full text-left text-sm transition-opacity", busy && "opacity-60")}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((header) => {
                const column = header.column;
                const def = column.columnDef;
                const title = typeof def.header === "string" ? def.header : (def.meta?.label ?? column.id);
                return (
                  <th key={header.id} scope="col" aria-sort={ariaSortOf(column)} className={cn("px-4 py-2.5 font-medium", def.meta?.className)}>
                    {header.isPlaceholder ? null : def.meta?.srOnlyHeader ? (
                      <span className="sr-only">{title}</span>
                    ) : column.getCanSort() ? (
                      <SortableHeader column={column} title={title} />
                    ) : (
                      renderTemplate(def.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columnsCount} className="px-4 py-10 text-center" data-empty-state>
                <p className="text-sm text-slate-600">{emptyMessage}</p>
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.id} className="hover:bg-slate-50/70">
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={cn("px-4 py-2.5 align-middle text-slate-800", cell.column.columnDef.meta?.className)}>
                    {renderTemplate(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

// flexRender's contract, without its JSX-component branch: column templates here are strings or
// plain render functions.
function renderTemplate<P>(template: string | ((props: P) => unknown) | undefined, props: P): React.ReactNode {
  if (template === undefined) return null;
  return (typeof template === "function" ? template(props) : template) as React.ReactNode;
}
