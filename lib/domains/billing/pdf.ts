// Invoices and receipts as PDF (pdf-lib: a maintained, dependency-free PDF writer; we draw text
// and rules only). Pure: a DTO in, the PDF's bytes out. Amounts arrive in minor units.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { formatMoney } from "./money";
import type { InvoiceDto, PaymentRow } from "./queries";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.4, 0.43, 0.5);

type Writer = { page: PDFPage; regular: PDFFont; bold: PDFFont; y: number };

async function start(title: string): Promise<{ doc: PDFDocument; w: Writer }> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer("Switchboard");
  doc.setCreationDate(new Date(0));
  const page = doc.addPage(A4);
  const w = { page, regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold), y: A4[1] - MARGIN };
  text(w, "Switchboard", { size: 20, font: w.bold });
  text(w, title, { size: 13, color: MUTED });
  w.y -= 12;
  return { doc, w };
}

/** The standard fonts encode WinAnsi only: anything else is replaced rather than failing the document. */
const printable = (s: string) => s.replace(/[^\x20-\x7e\u00a0-\u00ff\u20ac]/g, "?");

function text(w: Writer, s: string, opts: { size?: number; font?: PDFFont; color?: ReturnType<typeof rgb> } = {}) {
  const size = opts.size ?? 10;
  w.page.drawText(printable(s), { x: MARGIN, y: w.y - size, size, font: opts.font ?? w.regular, color: opts.color ?? INK });
  w.y -= size + 6;
}

function row(w: Writer, left: string, right: string, opts: { bold?: boolean } = {}) {
  const font = opts.bold ? w.bold : w.regular;
  w.page.drawText(printable(left), { x: MARGIN, y: w.y - 10, size: 10, font, color: INK });
  const r = printable(right);
  w.page.drawText(r, { x: A4[0] - MARGIN - font.widthOfTextAtSize(r, 10), y: w.y - 10, size: 10, font, color: INK });
  w.y -= 18;
}

function rule(w: Writer) {
  w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: A4[0] - MARGIN, y: w.y }, thickness: 0.5, color: MUTED });
  w.y -= 10;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The invoice's heading lines, [label, value]: the account, the period (UTC days) and when it is
 * issued, the first day after the period. A month not over at `now` is a draft (its figures are
 * so far), not an invoice issued on a day still to come.
 */
export function invoiceHeading(inv: Pick<InvoiceDto, "accountName" | "from" | "to">, now: Date): [string, string][] {
  return [
    ["Account", inv.accountName],
    ["Period (UTC)", `${day(inv.from)} to ${day(new Date(inv.to.getTime() - 1))}`],
    inv.to > now ? ["Draft", `the month is not over; figures so far, to be issued ${day(inv.to)}`] : ["Issued", day(inv.to)],
  ];
}

/** A month's invoice: opening balance, charges by kind, credits, closing balance. `now`: see invoiceHeading. */
export async function renderInvoicePdf(inv: InvoiceDto, now: Date = new Date()): Promise<Uint8Array> {
  const { doc, w } = await start(`Invoice ${inv.number}`);
  for (const [label, value] of invoiceHeading(inv, now)) row(w, label, value);
  w.y -= 8;
  rule(w);
  row(w, "Opening balance", formatMoney(inv.openingBalanceMinor, inv.currency));
  w.y -= 6;
  text(w, "Charges", { font: w.bold, size: 11 });
  if (inv.charges.length === 0) text(w, "No charges this month.", { color: MUTED });
  for (const l of inv.charges) row(w, `${l.label} (${l.count})`, formatMoney(l.amountMinor, inv.currency));
  row(w, "Total charges", formatMoney(inv.chargedMinor, inv.currency), { bold: true });
  w.y -= 6;
  text(w, "Credits", { font: w.bold, size: 11 });
  if (inv.credits.length === 0) text(w, "No credits this month.", { color: MUTED });
  for (const l of inv.credits) row(w, `${l.label} (${l.count})`, formatMoney(l.amountMinor, inv.currency));
  row(w, "Total credits", formatMoney(inv.creditedMinor, inv.currency), { bold: true });
  rule(w);
  row(w, "Closing balance", formatMoney(inv.closingBalanceMinor, inv.currency), { bold: true });
  w.y -= 12;
  text(w, "Prepaid account: charges are taken from the balance as they occur; nothing is due.", { size: 9, color: MUTED });
  return doc.save();
}

/** A top-up's receipt. */
export async function renderReceiptPdf(p: PaymentRow & { accountName: string; accountEmail: string }): Promise<Uint8Array> {
  const { doc, w } = await start(`Receipt ${p.receiptNumber ?? ""}`);
  row(w, "Account", `${p.accountName} (${p.accountEmail})`);
  row(w, "Date (UTC)", p.createdAt.toISOString().slice(0, 16).replace("T", " "));
  row(w, "Paid with", `${p.cardBrand} ending ${p.cardLast4} (payment simulator)`);
  rule(w);
  row(w, "Balance top-up", formatMoney(p.amountMinor, p.currency), { bold: true });
  w.y -= 12;
  text(w, "The amount was credited to the account's balance.", { size: 9, color: MUTED });
  return doc.save();
}
