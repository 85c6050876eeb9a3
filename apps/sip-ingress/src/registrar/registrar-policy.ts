/** Expiry rules of the registrar, seconds. */
export interface RegistrarPolicy {
  /** When neither the contact's expires nor the Expires header says (RFC 3261 §10.3 step 7). */
  defaultExpires: number;
  /** Shorter non-zero requests are refused with 423 Interval Too Brief and Min-Expires. */
  minExpires: number;
  /** Longer requests are shortened to this (the 200 OK tells the phone). */
  maxExpires: number;
  /** Contacts per address-of-record; past it the least recently refreshed one is dropped. */
  maxBindingsPerAor: number;
}

export const DEFAULT_REGISTRAR_POLICY: RegistrarPolicy = {
  defaultExpires: 3600,
  minExpires: 60,
  maxExpires: 3600,
  maxBindingsPerAor: 10,
};
