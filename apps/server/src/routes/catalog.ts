import { Catalog, Problem } from '@kabinet/contracts';
import { NotFoundError } from '@kabinet/core';
import { loadCatalog } from '@kabinet/db';
import type { AppInstance } from '../app';

export function catalogRoutes(app: AppInstance): void {
  app.get(
    '/api/catalog',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'The public catalogue: tariffs, services, packs, roaming zones and loyalty rewards',
        description:
          'Money is in minor units of `operator.currency`; unit prices in micros (millionths) of a minor unit.',
        response: { 200: Catalog, 404: Problem },
      },
    },
    async () => {
      const catalog = await loadCatalog(app.deps.database.db);
      if (!catalog) throw new NotFoundError('The catalogue');
      return catalog;
    },
  );
}
