// Sorted lists of row numbers (ascending, no duplicates) and the set operations the search index evaluates
// queries with. Typed arrays keep 250,000-row lists compact and the loops monomorphic.

export type Postings = Uint32Array;
export const EMPTY: Postings = new Uint32Array(0);

export function intersect(a: Postings, b: Postings): Postings {
  if (a.length > b.length) return intersect(b, a);
  if (a.length === 0) return EMPTY;
  const out = new Uint32Array(a.length);
  let n = 0;
  // Galloping from the short list into the long one when their sizes differ a lot (a rare word AND a common one).
  if (a.length * 16 < b.length) {
    let lo = 0;
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number;
      let step = 1;
      let hi = lo;
      while (hi < b.length && (b[hi] as number) < v) {
        lo = hi + 1;
        hi += step;
        step *= 2;
      }
      if (hi > b.length) hi = b.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((b[mid] as number) < v) lo = mid + 1;
        else hi = mid;
      }
      if (lo < b.length && b[lo] === v) out[n++] = v;
    }
    return out.subarray(0, n);
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

export function union(a: Postings, b: Postings): Postings {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) {
      out[n++] = x;
      i++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++] as number;
  while (j < b.length) out[n++] = b[j++] as number;
  return out.subarray(0, n);
}

/** The rows of a that are not in b. */
export function difference(a: Postings, b: Postings): Postings {
  if (a.length === 0 || b.length === 0) return a;
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    while (j < b.length && (b[j] as number) < x) j++;
    if (j >= b.length || b[j] !== x) out[n++] = x;
  }
  return out.subarray(0, n);
}

/** The union of many lists (the values of one facet filter), through a membership array of the index's size. */
export function unionAll(lists: Postings[], size: number): Postings {
  if (lists.length === 1) return lists[0] as Postings;
  const member = new Uint8Array(size);
  let total = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const r = list[i] as number;
      if (member[r] === 0) {
        member[r] = 1;
        total++;
      }
    }
  }
  const out = new Uint32Array(total);
  let n = 0;
  for (let r = 0; r < size; r++) if (member[r] === 1) out[n++] = r;
  return out;
}

/** A growable Uint32Array for building the index without boxing millions of numbers. */
export class U32Builder {
  private data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}

/** The k best rows by `before` (a strict "ranks before" order), best first: a bounded heap, O(n log k). */
export function selectTop(rows: Postings, k: number, before: (a: number, b: number) => boolean): number[] {
  if (k <= 0) return [];
  if (k * 4 >= rows.length)
    return Array.from(rows)
      .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
      .slice(0, k);
  // heap[0] is the worst of the best k so far.
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i] as number, heap[p] as number)) break;
      [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
      i = p;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l] as number, heap[m] as number)) m = l;
      if (r < heap.length && worse(heap[r] as number, heap[m] as number)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    if (heap.length < k) {
      heap.push(row);
      siftUp(heap.length - 1);
    } else if (before(row, heap[0] as number)) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}
