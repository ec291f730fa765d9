/**
 * Browser security reports as browsers post them to a `report-uri` (CSP level 2, RFC 7469 HPKP,
 * Expect-CT, Expect-Staple), for the tests that send them to the embedded Sentry.
 */
export const CSP_REPORT = {
  'csp-report': {
    'document-uri': 'https://shop.example.com/checkout?step=2',
    referrer: 'https://shop.example.com/cart',
    'violated-directive': "script-src 'self' https://cdn.example.com",
    'effective-directive': 'script-src',
    'original-policy': "script-src 'self' https://cdn.example.com; report-uri /csp",
    disposition: 'enforce',
    'blocked-uri': 'https://evil.example.com/miner.js',
    'line-number': 12,
    'column-number': 7,
    'source-file': 'https://shop.example.com/static/app.js',
    'status-code': '200',
    'script-sample': '',
  },
};

export const HPKP_REPORT = {
  'date-time': '2026-11-30T13:00:50Z',
  hostname: 'www.example.com',
  port: 443,
  'effective-expiration-date': '2026-12-31T12:40:50Z',
  'include-subdomains': false,
  'noted-hostname': 'example.com',
  'served-certificate-chain': ['-----BEGIN CERTIFICATE-----\nMIIEBDCC\n-----END CERTIFICATE-----'],
  'validated-certificate-chain': [
    '-----BEGIN CERTIFICATE-----\nMIIEBDCD\n-----END CERTIFICATE-----',
  ],
  'known-pins': ['pin-sha256="d6qzRu9zOECb90Uez27xWltNsj0e1Md7GkYYkVoZWmM="'],
};

export const EXPECT_CT_REPORT = {
  'expect-ct-report': {
    'date-time': '2026-11-30T13:00:50Z',
    hostname: 'ct.example.com',
    port: 443,
    'effective-expiration-date': '2026-12-31T12:40:50Z',
    'served-certificate-chain': ['-----BEGIN CERTIFICATE-----\nABC\n-----END CERTIFICATE-----'],
    'validated-certificate-chain': ['-----BEGIN CERTIFICATE-----\nCDE\n-----END CERTIFICATE-----'],
    scts: [{ version: 1, status: 'invalid', source: 'embedded', serialized_sct: 'ABCD==' }],
  },
};

export const EXPECT_STAPLE_REPORT = {
  'expect-staple-report': {
    'date-time': '2026-11-30T13:00:50Z',
    hostname: 'staple.example.com',
    port: 443,
    'response-status': 'ERROR_RESPONSE',
    'cert-status': 'REVOKED',
    'effective-expiration-date': '2026-12-31T12:40:50Z',
    'served-certificate-chain': ['-----BEGIN CERTIFICATE-----\nABC\n-----END CERTIFICATE-----'],
    'validated-certificate-chain': ['-----BEGIN CERTIFICATE-----\nCDE\n-----END CERTIFICATE-----'],
    'ocsp-response': 'MIIDxAoBAKCC',
  },
};
