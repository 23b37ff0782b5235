// The one source of "now" for security decisions (sessions, throttling, token lifetimes), so
// tests can move time by injecting a clock instead of sleeping.
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
