// The delivery simulator's test destinations, named where people send (lib/domains/sms/simulator.ts).
import { DELIVERING_SUFFIX, FAILING_SUFFIX, FAILURE_RATE, REPLYING_SUFFIX } from "@/lib/domains/sms/simulator";

export function TestDestinations({ replies }: { replies: boolean }) {
  return (
    <p className="text-xs text-slate-600">
      No carrier is reached: a simulator delivers. Numbers ending in <code>{FAILING_SUFFIX}</code> always fail,{" "}
      {replies ? (
        <>
          in <code>{REPLYING_SUFFIX}</code> are delivered and reply within a minute,{" "}
        </>
      ) : null}
      in <code>{DELIVERING_SUFFIX}</code>
      {replies ? null : <> or <code>{REPLYING_SUFFIX}</code></>} are always delivered; others fail {Math.round(FAILURE_RATE * 100)}% of the time.
    </p>
  );
}
