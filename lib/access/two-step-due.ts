// What a subuser hears when its account requires two-step verification and it has not set it up
// (PanelActor.twoStepDue): from every server action (lib/server/action.ts) and panel download
// (lib/server/route-guard.ts). Pages send it to the setup page instead.

export const TWO_STEP_DUE_REFUSAL = "The account requires two-step verification: set it up first (reload the page to get there), then try again.";
