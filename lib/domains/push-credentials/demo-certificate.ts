// The demo account's Apple push certificate (lib/domains/accounts/demo.ts): a .p12 shaped as
// Keychain Access exports one ("Apple Push Services: <bundle>", UID = bundle, with its RSA key),
// self-signed, since only Apple can issue the real thing. It passes the same checks an uploaded
// file does (./apple-certificate.ts), so the Push certificates page shows a real record.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";
import { DAY_MS } from "@/lib/core/day-range";

/** A .p12 (base64) for `bundle`, valid from a day before `now` to `notAfter` (UTC), and its password. */
export function demoApplePushCertificate(bundle: string, now: Date, notAfter: Date): { p12: string; password: string } {
  const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = `0${randomBytes(8).toString("hex")}`;
  cert.validity.notBefore = new Date(now.getTime() - DAY_MS);
  cert.validity.notAfter = notAfter;
  cert.setSubject([
    { type: "0.9.2342.19200300.100.1.1", value: bundle },
    { name: "commonName", value: `Apple Push Services: ${bundle}` },
    { name: "organizationalUnitName", value: "DEMO000000" },
    { name: "countryName", value: "US" },
  ]);
  cert.setIssuer([{ name: "commonName", value: "Switchboard demo (not Apple)" }]);
  cert.sign(key, forge.md.sha256.create());
  const password = randomBytes(12).toString("base64url");
  const der = forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, cert, password, { algorithm: "3des" })).getBytes();
  return { p12: Buffer.from(der, "binary").toString("base64"), password };
}
