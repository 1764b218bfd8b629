import type { CoordinationActivity, Counterpart, Period } from "./coordination-types.js";

// Overlap warnings (R16; res. 45/32 OP9 "coordination … to avoid duplication"): two activities in one country by
// different providers that work with the same national counterpart, on a shared UHRI theme or SDG target, at the
// same time. Each warning names the counterpart, the themes and the dates, so the providers can talk.

export type OverlapSide = { id: string; title: string; providerName: string; providerKey: string; period: Period };

export type OverlapWarning = {
  first: OverlapSide;
  second: OverlapSide;
  counterparts: Counterpart[];
  themes: string[];
  sdgTargets: string[];
  /** The days both run: `end` null when both are open-ended. */
  overlap: Period;
};

/** Closed and cancelled activities no longer need coordinating. */
const FINISHED_STATUSES = new Set([4, 5]);

/** Lower case, accents and punctuation removed, spaces collapsed: "Ministère de l'Éducation" ≡ "ministere de l education". */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * When an activity runs: actual dates where known, planned ones otherwise (IATI activity-date types 1–4). No end date
 * means ongoing; an activity that started after its planned end and has no actual end is ongoing too. No start date
 * at all: it cannot be placed in time, so it overlaps nothing.
 */
export function activityPeriod(a: Pick<CoordinationActivity, "plannedStart" | "plannedEnd" | "actualStart" | "actualEnd">): Period | null {
  const start = a.actualStart ?? a.plannedStart;
  if (!start) return null;
  const end = a.actualEnd ?? a.plannedEnd;
  return { start, end: end && end >= start ? end : null };
}

/** The days two periods share (dates are whole days, both ends included: touching ends overlap), or null. */
export function intersectPeriods(a: Period, b: Period): Period | null {
  // ISO dates sort as text: the last start and the first end bound the shared days.
  const start = [a.start, b.start].sort()[1] as string;
  const end = [a.end, b.end].filter((e): e is string => e !== null).sort()[0] ?? null;
  if (end !== null && end < start) return null;
  return { start, end };
}

const shared = (a: readonly string[], b: readonly string[]) => [...new Set(a.filter((x) => b.includes(x)))].sort();

/** Every overlapping pair among `activities` (one country's), earliest overlap first. */
export function findOverlaps(activities: readonly CoordinationActivity[]): OverlapWarning[] {
  const placed = activities
    .filter((a) => !FINISHED_STATUSES.has(a.status))
    .map((a) => ({ a, period: activityPeriod(a) }))
    .filter((x): x is { a: CoordinationActivity; period: Period } => x.period !== null);
  const warnings: OverlapWarning[] = [];
  for (let i = 0; i < placed.length; i++) {
    for (let j = i + 1; j < placed.length; j++) {
      const [x, y] = [placed[i], placed[j]] as [(typeof placed)[number], (typeof placed)[number]];
      if (x.a.provider.key === y.a.provider.key) continue;
      const overlap = intersectPeriods(x.period, y.period);
      if (!overlap) continue;
      const themes = shared(x.a.themes, y.a.themes);
      const sdgTargets = shared(x.a.sdgTargets, y.a.sdgTargets);
      if (themes.length === 0 && sdgTargets.length === 0) continue;
      const xKeys = new Set(x.a.counterparts.map((c) => c.key));
      const yKeys = new Set(y.a.counterparts.map((c) => c.key));
      const counterparts = dedupe([...x.a.counterparts.filter((c) => yKeys.has(c.key)), ...y.a.counterparts.filter((c) => xKeys.has(c.key))]);
      if (counterparts.length === 0) continue;
      const [first, second] = [side(x.a, x.period), side(y.a, y.period)].sort(bySide) as [OverlapSide, OverlapSide];
      warnings.push({ first, second, counterparts, themes, sdgTargets, overlap });
    }
  }
  return warnings.sort(
    (p, q) => p.overlap.start.localeCompare(q.overlap.start) || p.first.title.localeCompare(q.first.title) || p.second.id.localeCompare(q.second.id),
  );
}

/** Warnings whose overlap falls at least partly within `period` (the digest's). */
export function overlapsDuring(warnings: readonly OverlapWarning[], period: { start: string; end: string }): OverlapWarning[] {
  return warnings.filter((w) => intersectPeriods(w.overlap, period) !== null);
}

function side(a: CoordinationActivity, period: Period): OverlapSide {
  return { id: a.id, title: a.title, providerName: a.provider.name, providerKey: a.provider.key, period };
}

const bySide = (p: OverlapSide, q: OverlapSide) => p.period.start.localeCompare(q.period.start) || p.id.localeCompare(q.id);

function dedupe(cs: Counterpart[]): Counterpart[] {
  const seen = new Map<string, Counterpart>();
  // A name one side shows and the other withholds: show it (the viewer may see it on that side).
  for (const c of cs) if (!seen.has(c.key) || (seen.get(c.key)?.name === null && c.name !== null)) seen.set(c.key, c);
  return [...seen.values()].sort((a, b) => a.key.localeCompare(b.key));
}
