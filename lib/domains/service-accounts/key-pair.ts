// Service-account key material (no server-only marker: the demo seed runs it under tsx): RSA 2048 (docs/SECURITY.md: RSA >= 2048). The public key is stored
// as SPKI PEM; the private key leaves as PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----", what the
// official clients' JWT libraries read) exactly once and is never stored.
import { generateKeyPair as generate } from "node:crypto";
import { promisify } from "node:util";

const generateAsync = promisify(generate);

export const KEY_MODULUS_BITS = 2048;

export type KeyPairPem = { publicKeyPem: string; privateKeyPem: string };

/** Off the event loop (libuv threadpool): generating an RSA key takes tens of milliseconds. */
export async function generateKeyPair(): Promise<KeyPairPem> {
  const { publicKey, privateKey } = await generateAsync("rsa", {
    modulusLength: KEY_MODULUS_BITS,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}
