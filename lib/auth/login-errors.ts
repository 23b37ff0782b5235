// What authorize() throws besides a plain failure, for the login actions (app/(auth)/actions.ts)
// to tell apart: Auth.js knows no outcome of a credentials login but a user or an error. Kept
// apart from lib/auth/config.ts so the actions' tests can throw them without starting Auth.js.
import { CredentialsSignin } from "next-auth";

/**
 * The password was right and the login has two-step verification on: not a failure, but Auth.js
 * knows no third outcome of authorize(). The login action catches it and asks for the code.
 */
export class CodeRequired extends CredentialsSignin {
  code = "code_required";
  constructor(readonly challenge: string) {
    super();
  }
}

/** The code step failed: `reason` is what the login page says (a wrong code, or start again with the password). */
export class CodeRefused extends CredentialsSignin {
  code = "code_refused";
  constructor(readonly reason: string) {
    super();
  }
}
