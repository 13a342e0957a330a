/** A list result; the envelope interceptor puts its metadata beside `data`. */
export class Page<T> {
  constructor(
    readonly data: T[],
    readonly next: string | null,
    readonly previous: string | null,
    readonly limit: number,
    readonly total: number,
  ) {}

  map<R>(fn: (item: T) => R): Page<R> {
    return new Page(this.data.map(fn), this.next, this.previous, this.limit, this.total);
  }
}
