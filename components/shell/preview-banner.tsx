import { Eye } from "lucide-react";

/**
 * Shown on every page while the account owner previews roles: which roles, that nothing can be
 * changed, and the way out (a plain POST: server actions are refused during a preview).
 */
export function PreviewBanner({ roles, back }: { roles: readonly string[]; back: string }) {
  return (
    <div role="region" aria-label="Role preview" className="border-b border-amber-200 bg-amber-50 text-amber-900" data-testid="preview-banner">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm">
        <Eye className="size-4 shrink-0" aria-hidden />
        <p className="min-w-0 flex-1">
          Previewing the panel as a subuser with <strong data-preview-roles={roles.join(",")}>{roles.join(", ")}</strong>. Pages, menus and buttons are
          what such a subuser gets; nothing can be changed until you end the preview.
        </p>
        <form method="post" action="/preview/end">
          <input type="hidden" name="back" value={back} />
          <button type="submit" className="rounded-md bg-white px-3 py-1 text-sm font-medium text-amber-900 ring-1 ring-amber-200 hover:bg-amber-50">
            End preview
          </button>
        </form>
      </div>
    </div>
  );
}
