// The login pages' notice for a session that ended under its holder (lib/auth/actor.ts
// loginAfterSessionEnd sends it with ?ended=1): why the panel asks for the password again.
export function SessionEndedNotice() {
  return (
    <p role="status" data-testid="session-ended" className="mb-5 rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200">
      Your session has ended: sessions last 8 hours, and a change of your password or access ends them. Log in again.
    </p>
  );
}

/** Whether a login page was opened for a session that ended (?ended=1). */
export const sessionEnded = (params: { ended?: string | string[] }) => params.ended !== undefined;
