// Usage: node verify-macaroon.js <base64 macaroon> <root key hex>
// Prints what an independent implementation reads from the macaroon, and whether its
// signature chain verifies with the root key.
const macaroon = require('macaroon');

const [b64, rootKeyHex] = process.argv.slice(2);
const m = macaroon.importMacaroon(b64);
const hex = (bytes) => Buffer.from(bytes).toString('hex');
let verified = false;
let error = null;
try {
  m.verify(Buffer.from(rootKeyHex, 'hex'), () => null);
  verified = true;
} catch (e) {
  error = String(e.message || e);
}
console.log(JSON.stringify({
  version: m._version,
  reexportBase64: Buffer.from(m.exportBinary()).toString('base64'),
  location: m.location,
  identifierHex: hex(m.identifier),
  caveats: m.caveats.map((c) => Buffer.from(c.identifier).toString('utf8')),
  signatureHex: hex(m.signature),
  verified,
  error,
}));
