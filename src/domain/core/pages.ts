/**
 * Reads a listing page after page until a short page says it is done, yielding the non-empty pages: downloads
 * stream every matching row with bounded memory, through the same visibility-filtered list the page uses.
 */
export async function* readAllPages<T>(readPage: (offset: number, limit: number) => Promise<T[]>, pageSize = 500): AsyncGenerator<T[]> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await readPage(offset, pageSize);
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
  }
}
