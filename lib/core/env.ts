// Runtime configuration, validated once. Every knob has a safe default so `npm start` works bare.
import { z } from "zod";

const ZBool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const ZEnv = z.object({
  SIGNUP_ENABLED: ZBool.default(true),
  SEED_DEMO: ZBool.default(true),
  /// The platform domain in full application names: <app>.<account>.<domain>.
  PLATFORM_DOMAIN: z.string().min(1).default("switchboard.local"),
  /// Absolute session lifetime; the seed says 8 hours.
  SESSION_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 60 * 60),
  /// Per-IP login limiter: failures allowed within the window before the IP must wait.
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().positive().default(100),
  LOGIN_IP_WINDOW_SECONDS: z.coerce.number().int().positive().default(15 * 60),
});

export type Env = z.infer<typeof ZEnv>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= ZEnv.parse(process.env);
  return cached;
}
