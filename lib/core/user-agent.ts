// A session's User-Agent header as people say it: "Chrome 131 on Linux", "Safari 17 on iOS 17".
// Parsing user agents is a moving target (new browsers, bots, client hints), so a maintained
// parser does it (bowser, MIT); this file only words its answer.
import Bowser from "bowser";

const major = (version: string | undefined) => version?.split(".")[0] ?? "";

/**
 * "Chrome 131 on Linux", "Microsoft Edge 142 on Windows 10", "Safari 17 on iOS 17"; the header's
 * first word when no browser is recognised ("curl/8.5.0" -> "curl"), "Unknown device" when empty.
 */
export function describeUserAgent(userAgent: string): string {
  const ua = userAgent.trim();
  if (ua === "") return "Unknown device";
  const { browser, os } = Bowser.parse(ua);
  if (!browser.name) return ua.split(/[\s/;(]/)[0] || "Unknown device";
  const name = [browser.name, major(browser.version)].filter(Boolean).join(" ");
  if (!os.name) return name;
  const osVersion = os.versionName ?? (os.name === "iOS" || os.name === "Android" ? major(os.version) : "");
  return `${name} on ${[os.name, osVersion].filter(Boolean).join(" ")}`;
}
