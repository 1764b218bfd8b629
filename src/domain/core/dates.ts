/** Today as an ISO date (YYYY-MM-DD, UTC): the calendar day rules compare dates to ("not in the future"). */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
