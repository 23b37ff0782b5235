"use client";
// The Verification tab's panel, fetched only when that tab renders. It is /billing's largest client
// component and no other tab uses it, so the page's first-load JavaScript (issue 11's 180 kB
// budget, `npm run bench:js`) leaves it out. The server still renders it, so the tab's HTML is
// complete before its chunk arrives.
import dynamic from "next/dynamic";

export const VerificationPanel = dynamic(() => import("./verification-panel").then((m) => m.VerificationPanel));
