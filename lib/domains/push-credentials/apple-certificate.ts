// Apple push certificates: the .p12 (PKCS#12) file Keychain Access exports from an "Apple Push
// Services", "Apple Development/Production IOS Push Services" or "VoIP Services" certificate and
// its private key (reference: Apple's "Establishing a certificate-based connection to APNs").
// node-forge reads the file (Node's crypto has no PKCS#12 reader); every key derivation forge
// runs while reading is counted and capped, so a crafted file cannot hold the server's CPU.
import { createHash } from "node:crypto";
import forge from "node-forge";
import { PUSH_CERT_MAX_BYTES, type PushProvider } from "./client-safe";

/** Which APNs environments a certificate may connect to, from its subject's common name. */
export type ApnsEnvironments = "sandbox" | "production" | "both";

/** What an Apple push certificate file holds that the panel and the platform need. */
export type ApplePushCertificate = {
  /** The bundle id (the subject's UID, as Apple issues it). */
  bundle: string;
  environments: ApnsEnvironments;
  /** VoIP Services certificates serve PushKit only. */
  voip: boolean;
  /** notAfter, UTC. */
  expiresAt: Date;
  /** The certificate alone, DER in base64 (no private key). */
  certificate: string;
  /** SHA-256 of the certificate's DER, hex. */
  fingerprint: string;
};

/** Ours: Keychain Access and OpenSSL export with 2,048 iterations, Java's keytool with 10,000. */
export const MAX_KDF_ITERATIONS = 10_000;
/** Ours: a file of one certificate and one key needs 4 derivations at most (MAC, bags, IVs). */
const MAX_KDF_CALLS = 8;

const UID_OID = "0.9.2342.19200300.100.1.1";
const CERT_BAG = forge.pki.oids.certBag as string;
const KEY_BAGS = [forge.pki.oids.pkcs8ShroudedKeyBag as string, forge.pki.oids.keyBag as string];

class KdfBudgetExceeded extends Error {}

let kdfCalls: number | null = null;
/** Wraps one of forge's key derivations with the budget (active only while readApplePushCertificate runs). */
function capped<F extends (...args: never[]) => unknown>(fn: F, iterationsAt: number): F {
  return function (this: unknown, ...args: Parameters<F>) {
    if (kdfCalls !== null) {
      kdfCalls += 1;
      if (kdfCalls > MAX_KDF_CALLS || Number(args[iterationsAt]) > MAX_KDF_ITERATIONS) throw new KdfBudgetExceeded();
    }
    return fn.apply(this, args);
  } as F;
}
// forge calls these through its shared namespace objects (pkcs12.js, pbe.js), so the wrappers see every derivation.
forge.pkcs5.pbkdf2 = capped(forge.pkcs5.pbkdf2, 2);
forge.pkcs12.generateKey = capped(forge.pkcs12.generateKey, 3);
const pbe = (forge.pki as unknown as { pbe: { generatePkcs12Key: typeof forge.pkcs12.generateKey } }).pbe;
pbe.generatePkcs12Key = capped(pbe.generatePkcs12Key, 3);

const ENVIRONMENT_BY_CN: [RegExp, ApnsEnvironments, boolean][] = [
  [/^Apple Development (IOS|Mac) Push Services:/i, "sandbox", false],
  [/^Apple Production (IOS|Mac) Push Services:/i, "production", false],
  [/^Apple Push Services:/i, "both", false],
  [/^VoIP Services:/i, "both", true],
];

/** A problem with the file, said to the person who uploaded it, and the input field it is about. */
export type CertificateProblem = { field: "certContent" | "certPassword"; message: string };

/**
 * A .p12 file (base64, whitespace allowed) and its password -> the certificate's bundle,
 * environments, expiry and fingerprint; or the problem: not base64, too large, not PKCS#12, the
 * password does not open it (certPassword), no certificate or no private key, a key that is not
 * the certificate's, not an Apple push certificate, expired or not yet valid, or a key
 * derivation past MAX_KDF_ITERATIONS. `now` is for tests.
 */
export function readApplePushCertificate(base64: string, password: string, now = new Date()): ApplePushCertificate | CertificateProblem {
  const bad = (message: string): CertificateProblem => ({ field: "certContent", message });
  const compact = base64.replace(/\s+/g, "");
  if (compact === "") return bad("Choose the certificate's .p12 file");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) return bad("The certificate must be a .p12 file (through the API: its bytes in base64)");
  const der = Buffer.from(compact, "base64");
  if (der.length > PUSH_CERT_MAX_BYTES) return bad(`The certificate file must be at most ${PUSH_CERT_MAX_BYTES / 1024} kB: a .p12 of one certificate and its key is about 3 kB`);
  let p12: forge.pkcs12.Pkcs12Pfx;
  kdfCalls = 0;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der.toString("binary")), false, password);
  } catch (e) {
    if (e instanceof KdfBudgetExceeded) return bad(`The file's encryption uses more than ${MAX_KDF_ITERATIONS.toLocaleString("en-US")} key derivation rounds: export it again from Keychain Access`);
    if (e instanceof Error && /MAC could not be verified|Invalid password/i.test(e.message)) {
      return { field: "certPassword", message: password === "" ? "The file has a password: enter the one it was exported with" : "This password does not open the file" };
    }
    return bad("The file is not a .p12 (PKCS#12) certificate: in Keychain Access, select the certificate with its private key and export it as .p12");
  } finally {
    kdfCalls = null;
  }
  const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
  const certs = bags(CERT_BAG).flatMap((b) => (b.cert ? [b.cert] : []));
  const keys = KEY_BAGS.flatMap((t) => bags(t).flatMap((b) => (b.key ? [b.key] : [])));
  const apple = certs.map((cert) => ({ cert, cn: String(cert.subject.getField("CN")?.value ?? "") })).find(({ cn }) => ENVIRONMENT_BY_CN.some(([re]) => re.test(cn)));
  if (!apple) {
    if (certs.length === 0) return bad("The file holds no certificate: export the certificate together with its private key");
    return bad(`"${certs[0]!.subject.getField("CN")?.value ?? "(no name)"}" is not an Apple push certificate: use the Apple Push Services (or VoIP Services) certificate from your Apple developer account`);
  }
  const { cert, cn } = apple;
  const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
  const key = keys.find((k) => {
    const rsa = k as forge.pki.rsa.PrivateKey;
    return rsa.n !== undefined && publicKey.n !== undefined && rsa.n.equals(publicKey.n);
  });
  if (!key) {
    if (keys.length > 0) return bad("The private key in the file is not this certificate's: in Keychain Access, expand the certificate and export it together with the key under it");
    return bad("The file holds the certificate without its private key: in Keychain Access, expand the certificate and export it with the key");
  }
  const [, environments, voip] = ENVIRONMENT_BY_CN.find(([re]) => re.test(cn))!;
  const bundle = String(cert.subject.getField({ type: UID_OID })?.value ?? cn.slice(cn.indexOf(":") + 1)).trim();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  if (cert.validity.notAfter <= now) return bad(`The certificate for ${bundle} expired on ${day(cert.validity.notAfter)}: create a new one in your Apple developer account`);
  if (cert.validity.notBefore > now) return bad(`The certificate for ${bundle} is not valid until ${day(cert.validity.notBefore)}`);
  const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), "binary");
  return {
    bundle,
    environments,
    voip,
    expiresAt: cert.validity.notAfter,
    certificate: certDer.toString("base64"),
    fingerprint: createHash("sha256").update(certDer).digest("hex"),
  };
}

/** The environments of a stored certificate (DER base64, as ApplePushCertificate.certificate). */
export function storedCertificateEnvironments(certificate: string): ApnsEnvironments {
  const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(certificate, "base64").toString("binary")));
  const cn = String(cert.subject.getField("CN")?.value ?? "");
  return ENVIRONMENT_BY_CN.find(([re]) => re.test(cn))?.[1] ?? "both";
}

/** Why a certificate cannot serve the provider, or null: VoIP Services only for APPLE_VOIP; the iOS-only Push Services not for it. */
export function providerMismatch(provider: PushProvider, c: Pick<ApplePushCertificate, "voip" | "environments">): string | null {
  if (provider === "APPLE" && c.voip) return "This is a VoIP Services certificate: add it with the provider Apple VoIP (PushKit)";
  if (provider === "APPLE_VOIP" && !c.voip && c.environments !== "both") {
    return "This certificate serves notifications only: Apple VoIP needs a VoIP Services or Apple Push Services certificate";
  }
  return null;
}

/** Why the environment cannot be used with the certificate, or null. */
export function environmentMismatch(isDevMode: boolean, environments: ApnsEnvironments): string | null {
  if (isDevMode && environments === "production") return "This is a production certificate: it cannot connect to the APNs sandbox";
  if (!isDevMode && environments === "sandbox") return "This is a development certificate: it connects to the APNs sandbox only (choose the Sandbox environment)";
  return null;
}
