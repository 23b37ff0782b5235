import type { Route } from "next";
import { sectionHref } from "@/lib/routes";

/** One A2P batch's page, under the one-way page (section sms.one_way). */
export const batchHref = (batchId: number) => `${sectionHref("sms.one_way")}/batches/${batchId}` as Route;
