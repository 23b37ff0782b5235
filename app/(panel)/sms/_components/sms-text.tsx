// A message's text in a list: the text, or why there is none. A ProvisioningAgent child account
// never reads SMS text (seed 004): it sees "hidden", with the reason for screen readers and on
// hover; a message sent without keeping its body says so.
export function SmsText({ text, hidden, className }: { text: string; hidden: boolean; className?: string }) {
  if (hidden) {
    return (
      <span className="italic text-slate-600" title="This account's role does not allow reading SMS text" data-sms-text-hidden>
        hidden<span className="sr-only">: this account&apos;s role does not allow reading SMS text</span>
      </span>
    );
  }
  if (!text) return <span className="italic text-slate-600">not kept</span>;
  return <span className={className ?? "whitespace-pre-wrap break-words"}>{text}</span>;
}
