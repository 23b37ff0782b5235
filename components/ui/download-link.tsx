import { Download } from "lucide-react";
import { buttonClasses } from "./button";

/**
 * A file the server makes (a CSV export, a PDF): a plain anchor with `download`, looking like a
 * secondary button. Not a next/link: the target is a route handler's file, not a page.
 */
export function DownloadLink({ href, children, ...rest }: Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, "className" | "download"> & { href: string }) {
  return (
    <a href={href} download className={buttonClasses("secondary")} {...rest}>
      <Download aria-hidden className="size-4" />
      {children}
    </a>
  );
}
