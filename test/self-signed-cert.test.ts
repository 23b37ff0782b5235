// The test harness's self-signed certificate: DER integers minimally encoded, so every random
// serial gives a certificate OpenSSL accepts (one in 512 did not: "asn1 ... illegal padding").
import { X509Certificate, createPrivateKey } from "node:crypto";
import { createServer } from "node:https";
import { describe, expect, it } from "vitest";
import { integer, selfSignedCert } from "./self-signed-cert";

describe("selfSignedCert", () => {
  it("encodes integers minimally: no leading zero bytes, one added before a set sign bit", () => {
    expect(integer(Buffer.from([0x00, 0x7f, 0x01]))).toEqual(Buffer.from([0x02, 0x02, 0x7f, 0x01]));
    expect(integer(Buffer.from([0x00, 0x00, 0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
    expect(integer(Buffer.from([0x80, 0x01]))).toEqual(Buffer.from([0x02, 0x03, 0x00, 0x80, 0x01]));
    expect(integer(Buffer.from([0x00]))).toEqual(Buffer.from([0x02, 0x01, 0x00]));
    expect(integer(Buffer.from([0x02]))).toEqual(Buffer.from([0x02, 0x01, 0x02]));
  });

  it("makes a certificate for localhost that node's TLS server takes", () => {
    const { key, cert } = selfSignedCert();
    const x509 = new X509Certificate(cert);
    expect(x509.subjectAltName).toContain("DNS:localhost");
    expect(x509.checkPrivateKey(createPrivateKey(key))).toBe(true);
    createServer({ key, cert }).close();
  });
});
