import { todayIso } from "../core/dates.js";
// When a State's consent counts (R3; res. 45/32 OP2 "with the consent of the States concerned"): granted on or
// before the day, not revoked, not expired. Pure rules; consent-service.ts records and revokes.

export type ConsentFacts = { id: string; grantedOn: string; expiresOn: string | null; revokedAt: Date | null };

/** Valid on `date` (YYYY-MM-DD): granted by then, not revoked, and not past its expiry (the expiry day counts). */
export function isConsentValidOn(c: ConsentFacts, date: string): boolean {
  if (c.revokedAt !== null) return false;
  if (c.grantedOn > date) return false;
  return c.expiresOn === null || c.expiresOn >= date;
}

export function hasValidConsent(consents: readonly ConsentFacts[], date: string): boolean {
  return consents.some((c) => isConsentValidOn(c, date));
}

/**
 * What everyone who sees an activity is told about its consent (R3 "a visible consented-on badge"): valid (`date`
 * it was granted, and its expiry), revoked or expired (`date` of that), or none recorded.
 */
export type ConsentBadge = { kind: "valid" | "revoked" | "expired" | "none"; date: string | null; expiresOn: string | null };

export function consentBadge(consents: readonly ConsentFacts[], today: string): ConsentBadge {
  const valid = consents.filter((c) => isConsentValidOn(c, today)).sort((a, b) => b.grantedOn.localeCompare(a.grantedOn));
  const best = valid[0];
  if (best) return { kind: "valid", date: best.grantedOn, expiresOn: best.expiresOn };
  // The most recent consent explains why none is valid now.
  const latest = [...consents].sort((a, b) => b.grantedOn.localeCompare(a.grantedOn))[0];
  if (latest?.revokedAt) return { kind: "revoked", date: latest.revokedAt.toISOString().slice(0, 10), expiresOn: null };
  if (latest?.expiresOn && latest.expiresOn < today) return { kind: "expired", date: latest.expiresOn, expiresOn: latest.expiresOn };
  return { kind: "none", date: null, expiresOn: null };
}

export { todayIso };
