/**
 * User-Agent fragments of SIP scanning and password-guessing tools (SIPVicious and its "friendly-scanner" disguise,
 * sipcli, sundayddr, iWar, smap, SIVuS, ...). Their requests are dropped without an answer: an answer tells the
 * scanner that something listens here. Matched case-insensitively anywhere in the header.
 */
export const SCANNER_USER_AGENTS: readonly string[] = [
  'friendly-scanner',
  'sipvicious',
  'sipcli',
  'sip-scan',
  'sipscan',
  'sundayddr',
  'iwar',
  'vaxsipuseragent',
  'pplsip',
  'smap',
  'sivus',
  'siparmyknife',
  'sipptk',
  'sipsploit',
];

const PATTERN = new RegExp(SCANNER_USER_AGENTS.map((fragment) => fragment.replace(/[-]/g, '\\-')).join('|'), 'i');

export function isScannerUserAgent(userAgent: string | undefined): boolean {
  return userAgent !== undefined && PATTERN.test(userAgent);
}
