import { z } from "zod";
import { isSectionId, type SectionId } from "@/lib/access/matrix";

/** A section id as role-matrix.json spells it. */
export const ZSectionId = z
  .string({ error: "Choose a section" })
  .max(64)
  .refine((v): v is SectionId => isSectionId(v), "Unknown section")
  .transform((v) => v as SectionId);

/** "Request access" on a 403 page: the section the subuser was refused. */
export const ZRequestAccessInput = z.object({ section: ZSectionId });
export type RequestAccessInput = z.input<typeof ZRequestAccessInput>;

export const ZListNotificationsInput = z.object({ count: z.number().int().min(1).max(200).default(50) });
export type ListNotificationsInput = z.input<typeof ZListNotificationsInput>;
