// The same JavaScript values from both engines, so no code depends on which one is running:
// int8 → number (counts, sequence numbers stay far below 2^53), numeric → string (money is never a float),
// date → 'YYYY-MM-DD' string (a calendar date has no time zone), timestamptz → Date.
export const PG_TYPE = { int8: 20, numeric: 1700, date: 1082 } as const;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [PG_TYPE.int8]: (v) => Number(v),
  [PG_TYPE.numeric]: (v) => v,
  [PG_TYPE.date]: (v) => v,
};
