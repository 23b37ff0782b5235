import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import "./globals.css";
import { Toaster } from "@/components/ui/toast";
import { THEME_COOKIE, themeAttribute } from "@/components/ui/theme";

export const metadata: Metadata = {
  title: { default: "Switchboard", template: "%s · Switchboard" },
  description: "Control panel for your cloud communications account",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts), which
  // a page rendered at build time cannot, and nothing is prerendered for shared caches to keep
  // (no s-maxage on "/" or anywhere else).
  await connection();
  // The theme chosen in the user menu (components/ui/theme.ts); absent: the system's.
  const theme = themeAttribute((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body>
        <Toaster>{children}</Toaster>
      </body>
    </html>
  );
}
