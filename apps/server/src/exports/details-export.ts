import type { DetailType } from '@kabinet/contracts';
import { formatDetailsCsv, NotFoundError, resolveDetailsPeriod } from '@kabinet/core';
import {
  type Database,
  type DetailsFilter,
  detailsTotals,
  listAllDetails,
  loadLineOverview,
} from '@kabinet/db';
import { renderDetailsPdf } from './details-pdf';

export type DetailsLang = 'en' | 'ru' | 'id';
const LANGS = new Set(['en', 'ru', 'id']);

export interface DetailsExportRequest {
  from?: string | undefined;
  to?: string | undefined;
  type?: DetailType | undefined;
  /** Unset: the account owner's language. */
  lang?: DetailsLang | undefined;
}

/** Everything an export needs: the period, every row, totals, and who and what it is for. */
export async function loadDetailsExport(
  db: Database['db'],
  line: { id: number; msisdn: string },
  request: DetailsExportRequest,
  timeZone: string,
  now = new Date(),
) {
  const period = resolveDetailsPeriod(request, now, timeZone);
  const filter: DetailsFilter = {
    lineId: line.id,
    start: period.start,
    end: period.end,
    type: request.type,
  };
  const [items, totals, overview] = await Promise.all([
    listAllDetails(db, filter),
    detailsTotals(db, filter),
    loadLineOverview(db, line.id),
  ]);
  if (!overview) throw new NotFoundError('The line');
  const owner = overview.account.language;
  const lang = request.lang ?? ((LANGS.has(owner) ? owner : 'en') as DetailsLang);
  const typePart = request.type ? `-${request.type}` : '';
  const fileName = `details-${line.msisdn.replace('+', '')}-${period.from}-${period.to}${typePart}`;
  return {
    now,
    msisdn: line.msisdn,
    period,
    type: request.type ?? null,
    items,
    totals,
    overview,
    lang,
    fileName,
    timeZone,
  };
}

export type DetailsExport = Awaited<ReturnType<typeof loadDetailsExport>>;

/** The CSV file of an export, exactly as `GET …/usage.csv` sends it. */
export function detailsCsv(data: DetailsExport): string {
  return formatDetailsCsv(data.items, {
    currency: data.overview.currency,
    timeZone: data.timeZone,
    lang: data.lang,
  });
}

/** The PDF file of an export, exactly as `GET …/usage.pdf` sends it. */
export function detailsPdf(data: DetailsExport): Promise<Buffer> {
  return renderDetailsPdf({
    operatorName: data.overview.operatorName,
    msisdn: data.msisdn,
    accountNumber: data.overview.account.number,
    period: data.period,
    type: data.type,
    currency: data.overview.currency,
    lang: data.lang,
    items: data.items,
    totals: data.totals,
    generatedAt: data.now,
  });
}
