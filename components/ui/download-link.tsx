import { Download } from "lucide-react";
import { buttonClasses } from "./button";

/**
 * A file the server makes (a CSV export, a PDF, a recording): a plain anchor with `download`,
 * looking like a secondary button of `size` (sm beside a small button, as a recording's Delete).
 * Not a next/link: the target is a route handler's file, not a page.
 */
export function DownloadLink({
  href,
  size = "md",
  children,
  ...rest
}: Omit<React.AnchorHTMLAttributes<HTMLAnchorElement>, "className" | "download"> & { href: string; size?: "sm" | "md" }) {
  return (
    <a href={href} download className={buttonClasses("secondary", size)} {...rest}>
      <Download aria-hidden className="size-4" />
      {children}
    </a>
  );
}

/** Offers text made in the browser (a secret shown once) as a file download, without a server round trip. */
export function saveTextFile(filename: string, text: string, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
