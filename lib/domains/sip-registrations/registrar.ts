// The simulated third-party registrar (docs/PRODUCT.md section 7: where the real world needs a
// telephone network, the panel works on its own records). No SIP traffic leaves the server; the
// outcome of a REGISTER follows from what the registration says, by these rules (ours), so that
// every state a real PBX can put a registration in can be reached and tested:
// - a host under `.invalid` (RFC 2606: never resolves) answers nothing: 408 Request Timeout;
// - a registration without a password is challenged and cannot answer: 401 Unauthorized;
// - a non-persistent registration registers only while its user is logged in through an SDK,
//   which never happens here: it waits (no status code);
// - anything else registers: 200 OK.

/** The outcome of one REGISTER: whether it holds, the SIP status code (null: not attempted) and its reason phrase. */
export type RegisterOutcome = { successful: boolean; statusCode: number | null; errorMessage: string };

/** What the registrar needs of a registration: the proxy and outbound proxy (host[:port]), its password and mode. */
export type RegisterRequest = { proxy: string; outboundProxy: string; password: string; isPersistent: boolean };

const hostOf = (hostPort: string) => hostPort.replace(/:\d+$/, "");
const unreachable = (hostPort: string) => hostPort !== "" && (hostOf(hostPort) === "invalid" || hostOf(hostPort).endsWith(".invalid"));

/** The outcome of registering `r` now (see the header for the rules). */
export function register(r: RegisterRequest): RegisterOutcome {
  if (!r.isPersistent) return { successful: false, statusCode: null, errorMessage: "Registers while its user is logged in through an SDK" };
  const silent = [r.outboundProxy, r.proxy].find(unreachable);
  if (silent) return { successful: false, statusCode: 408, errorMessage: `Request Timeout: no answer from ${silent}` };
  if (r.password === "") return { successful: false, statusCode: 401, errorMessage: "Unauthorized: the registrar asks for a password" };
  return { successful: true, statusCode: 200, errorMessage: "" };
}
