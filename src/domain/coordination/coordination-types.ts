// What the coordination view knows about one activity in a country (R16; res. 45/32 OP9): who provides it, on which
// themes, with which national counterparts, and when. Built by the coordination service from the activities the
// viewer may see (store/coordination-store.ts), so nothing here was withheld from that viewer.

/** A national counterpart an activity works with: a national actor (R8) or a government body taking part. */
export type Counterpart = {
  /** Identity used to compare activities: same key, same counterpart. */
  key: string;
  kind: "national_actor" | "organization";
  /** The national actor's type (vocab.actorType.*); null for an organization. */
  actorType: string | null;
  /** The name, or null when this viewer may not see it (a national actor's name needs its consent, R8). */
  name: string | null;
};

export type ProviderRef = { key: string; organizationId: string | null; name: string };

export type CoordinationActivity = {
  id: string;
  title: string;
  /** IATI ActivityStatus 1–6. */
  status: number;
  /** The reporting provider: two activities of the same provider are that provider's own business. */
  provider: ProviderRef;
  /** Organizations implementing it (IATI participating-org role 4), for "who does what". */
  implementers: ProviderRef[];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  themes: string[];
  sdgTargets: string[];
  counterparts: Counterpart[];
};

/** A period in whole days, both ends included; `end` null means open-ended (ongoing). */
export type Period = { start: string; end: string | null };
