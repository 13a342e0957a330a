/**
 * A page-number page (Papercups' Scrivener shape); the envelope interceptor renders it as
 * `{data, page_number, page_size, total_pages, total_entries}`.
 */
export class NumberedPage<T> {
  constructor(
    readonly data: T[],
    readonly pageNumber: number,
    readonly pageSize: number,
    readonly totalEntries: number,
  ) {}

  /** `ceil(total / size)`, and 1 when nothing matches, as Scrivener counts. */
  static totalPages(totalEntries: number, pageSize: number): number {
    return Math.max(1, Math.ceil(totalEntries / pageSize));
  }

  map<R>(fn: (item: T) => R): NumberedPage<R> {
    return new NumberedPage(this.data.map(fn), this.pageNumber, this.pageSize, this.totalEntries);
  }
}
