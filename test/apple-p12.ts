// Test-only: Apple push certificates as Keychain Access exports them: a .p12 holding a
// certificate with Apple's subject (UID = bundle id, CN "<kind>: <bundle>") and its RSA key. One
// key pair per process, since generating 2048-bit keys per file would be slow. No database here,
// so both the vitest suites and the e2e specs use it.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

const PEM = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const KEY = forge.pki.privateKeyFromPem(PEM) as forge.pki.rsa.PrivateKey;
const OTHER_KEY = forge.pki.privateKeyFromPem(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()) as forge.pki.rsa.PrivateKey;

const DAY = 86_400_000;

export type P12Options = {
  bundle?: string;
  /** The subject's common name before ": <bundle>" (Apple's kinds: "Apple Push Services", "Apple Development IOS Push Services", "VoIP Services"). */
  kind?: string;
  password?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Put another key in the file (not the certificate's). */
  wrongKey?: boolean;
  /** Leave the key out. */
  noKey?: boolean;
};

/** A .p12 as base64, as Keychain Access would export an Apple push certificate with its key. */
export function applePushP12(o: P12Options = {}): string {
  const bundle = o.bundle ?? `com.example.app${randomBytes(3).toString("hex")}`;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(KEY.n, KEY.e);
  cert.serialNumber = `0${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = o.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = o.notAfter ?? new Date(Date.now() + 365 * DAY);
  cert.setSubject([
    { type: "0.9.2342.19200300.100.1.1", value: bundle },
    { name: "commonName", value: `${o.kind ?? "Apple Push Services"}: ${bundle}` },
    { name: "organizationalUnitName", value: "ABCDE12345" },
    { name: "countryName", value: "US" },
  ]);
  cert.setIssuer([{ name: "commonName", value: "Apple Worldwide Developer Relations Certification Authority" }]);
  cert.sign(KEY, forge.md.sha256.create());
  const key = o.noKey ? null : o.wrongKey ? OTHER_KEY : KEY;
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, cert, o.password ?? "", { algorithm: "3des" });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary").toString("base64");
}
