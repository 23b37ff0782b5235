/** Seconds as m:ss (a call's length). Shared by server and client components. */
export const formatDuration = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
