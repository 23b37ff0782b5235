// The panel's theme: the system's (prefers-color-scheme, the default), or light or dark as the
// person chose in the user menu. The choice is a cookie, so the server renders it on <html
// data-theme> (app/layout.tsx) and the first paint is already right: no inline script, which the
// CSP would refuse. It is a display preference, not a setting of the login: it stays with the
// browser, across logins and on the login pages. app/globals.css maps the attribute to colours.
// Pure constants above, browser helpers below: safe in server and client modules alike.

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_COOKIE = "theme";
const YEAR_SECONDS = 365 * 24 * 60 * 60;
const SYSTEM_DARK = "(prefers-color-scheme: dark)";

/** The <html data-theme> value for a cookie's value: "light", "dark", or undefined (the system's). */
export function themeAttribute(cookie: string | undefined): "light" | "dark" | undefined {
  return cookie === "light" || cookie === "dark" ? cookie : undefined;
}

/** The theme the page shows now (browser only). */
export function currentTheme(): Theme {
  return themeAttribute(document.documentElement.dataset.theme) ?? "system";
}

/** Shows `theme` at once and keeps it for a year (browser only). "system" forgets the choice. */
export function chooseTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === "system") {
    delete root.dataset.theme;
    document.cookie = `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
  } else {
    root.dataset.theme = theme;
    document.cookie = `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${YEAR_SECONDS}; SameSite=Lax${location.protocol === "https:" ? "; Secure" : ""}`;
  }
}

/** Whether the page is dark now: the choice, or the system's setting (browser only). */
export function isDarkTheme(): boolean {
  const t = currentTheme();
  return t === "system" ? window.matchMedia(SYSTEM_DARK).matches : t === "dark";
}

/** Calls `onChange(isDarkTheme())` whenever the choice or the system's setting changes; returns the unsubscribe (browser only). */
export function watchTheme(onChange: (dark: boolean) => void): () => void {
  const mq = window.matchMedia(SYSTEM_DARK);
  const fire = () => onChange(isDarkTheme());
  const observer = new MutationObserver(fire);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  mq.addEventListener("change", fire);
  return () => {
    observer.disconnect();
    mq.removeEventListener("change", fire);
  };
}
