// Every list endpoint pages alike: at most `limit` items after skipping
// `offset`, with the total of all matches (sent as X-Total-Count).
export interface PageQuery {
  limit: number;
  offset: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** For lists that are small by nature (units, SOPs, users) and built in memory first. */
export function pageOf<T>(all: T[], q: PageQuery): Page<T> {
  return { total: all.length, items: all.slice(q.offset, q.offset + q.limit) };
}
