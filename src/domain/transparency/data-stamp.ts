import { readDataStamp } from "../../store/data-stamp-store.js";
import type { Db } from "../../store/db.js";

/** The version of everything the platform publishes: part of every public download's ETag. */
export function currentDataStamp(db: Db): Promise<string> {
  return readDataStamp(db);
}

/**
 * A cache of computed views that depend only on the data: an entry is kept per data stamp (which moves with every
 * audited write, imports included) and key, per database handle (two databases in one process never share entries),
 * so repeated views of large aggregates cost one small read. The oldest entries go first beyond `size`.
 */
export function stampMemo(size: number): <T>(db: Db, key: string, compute: () => Promise<T>) => Promise<T> {
  const memos = new WeakMap<Db, Map<string, Promise<unknown>>>();
  return async <T>(db: Db, key: string, compute: () => Promise<T>): Promise<T> => {
    const stamp = await currentDataStamp(db);
    let memo = memos.get(db);
    if (!memo) {
      memo = new Map();
      memos.set(db, memo);
    }
    const k = `${stamp}\u0000${key}`;
    let hit = memo.get(k) as Promise<T> | undefined;
    if (!hit) {
      hit = compute();
      const m = memo;
      m.set(k, hit);
      hit.catch(() => m.delete(k));
      if (m.size > size) m.delete(m.keys().next().value as string);
    }
    return hit;
  };
}
