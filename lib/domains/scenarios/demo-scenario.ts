// The demo account's scenario and rule (docs/PRODUCT.md section 10, issue 10): the "sales"
// application answers every call, greets, records a message and hangs up, so a newcomer can
// place a call as soon as the account exists. Seeded by lib/domains/accounts/demo.ts.

export const DEMO_SCENARIO = {
  application: "sales",
  name: "sales-greeting",
  script: `// Answers, greets the caller, records a message of up to 10 seconds, then hangs up.
VoxEngine.addEventListener(AppEvents.CallAlerting, (e) => {
  const call = e.call;
  let recording = false;
  call.addEventListener(CallEvents.Connected, () => {
    Logger.write("Call from " + e.callerid + " to " + e.destination);
    call.say("Thank you for calling sales. Please leave a message after the tone.");
  });
  call.addEventListener(CallEvents.PlaybackFinished, () => {
    if (recording) return;
    recording = true;
    call.record({ name: "message" });
    setTimeout(() => {
      call.stopRecording();
      call.say("Thank you. Goodbye!");
      call.addEventListener(CallEvents.PlaybackFinished, () => {
        call.hangup();
        VoxEngine.terminate();
      });
    }, 10000);
  });
  call.addEventListener(CallEvents.Disconnected, () => VoxEngine.terminate());
  call.answer();
});
`,
  rule: { name: "all-calls", pattern: ".*" },
} as const;
