import type { RatingCatalog } from '@kabinet/core';

/**
 * The rating catalogue changes rarely and is read on every batch: keep it in memory and reload it in
 * the background when older than `ttlMs`. One load at a time, however many batches ask.
 */
export class RatingCatalogCache {
  private current: { catalog: RatingCatalog; loadedAt: number } | undefined;
  private loading: Promise<RatingCatalog> | undefined;

  constructor(
    private readonly load: () => Promise<RatingCatalog>,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<RatingCatalog> {
    const current = this.current;
    if (current && this.now() - current.loadedAt < this.ttlMs) return current.catalog;
    if (current) {
      void this.reload().catch(() => {}); // serve the last good one while refreshing
      return current.catalog;
    }
    return this.reload();
  }

  private reload(): Promise<RatingCatalog> {
    this.loading ??= this.load()
      .then((catalog) => {
        this.current = { catalog, loadedAt: this.now() };
        return catalog;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
