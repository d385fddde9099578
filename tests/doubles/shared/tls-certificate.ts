import fs from 'node:fs';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  /** Self-signed certificate for localhost and 127.0.0.1; trust it as a CA. */
  cert: string;
}

/** A self-signed certificate for `localhost` / `127.0.0.1`, valid for a year. */
export async function selfSignedCertificate(): Promise<TlsMaterial> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/**
 * Reuses the certificate in `directory` or creates one there, so a standalone double keeps the
 * same certificate across restarts and `NODE_EXTRA_CA_CERTS` (read once at process start) stays valid.
 */
export async function persistentCertificate(directory: string): Promise<TlsMaterial & { certPath: string }> {
  const keyPath = path.join(directory, 'key.pem');
  const certPath = path.join(directory, 'ca.pem');
  if (fs.existsSync(keyPath) && fs.existsSync(certPath)) {
    return { key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8'), certPath };
  }
  const material = await selfSignedCertificate();
  fs.mkdirSync(directory, { recursive: true });
  fs.writeFileSync(keyPath, material.key, { mode: 0o600 });
  fs.writeFileSync(certPath, material.cert);
  return { ...material, certPath };
}
