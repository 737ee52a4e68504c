import type { Allowance, Tariff } from '@kabinet/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { to } from '../../app/routes';
import type { Format } from '../catalog/useFormat';

function AllowanceCell({ allowances, format }: { allowances: Allowance[]; format: Format }) {
  const { t } = useTranslation();
  if (allowances.length === 0) return <span className="muted">{t('tariffs.compare.none')}</span>;
  return (
    <>
      {allowances.map((allowance, i) => {
        const scope = format.scope(allowance);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: allowances have no identity of their own
          <span className="compare__line" key={i}>
            {format.amount(allowance)}
            {scope ? <span className="muted"> {scope}</span> : null}
          </span>
        );
      })}
    </>
  );
}

/** Every tariff side by side. On a phone the table scrolls sideways inside its frame, not the page. */
export function CompareTable({ tariffs, format }: { tariffs: Tariff[]; format: Format }) {
  const { t } = useTranslation();
  const of = (tariff: Tariff, unit: Allowance['unit']) => tariff.allowances.filter((a) => a.unit === unit);
  const rows: { label: string; cell: (tariff: Tariff) => React.ReactNode }[] = [
    { label: t('tariffs.compare.fee'), cell: (x) => <strong>{format.fee(x.feeAmount, x.feePeriod)}</strong> },
    { label: t('tariffs.compare.payment'), cell: (x) => t('tariffs.paymentType', { type: x.paymentType }) },
    {
      label: t('tariffs.compare.minutes'),
      cell: (x) => <AllowanceCell allowances={of(x, 'voice_seconds')} format={format} />,
    },
    {
      label: t('tariffs.compare.sms'),
      cell: (x) => <AllowanceCell allowances={of(x, 'sms')} format={format} />,
    },
    {
      label: t('tariffs.compare.data'),
      cell: (x) => <AllowanceCell allowances={of(x, 'data_bytes')} format={format} />,
    },
    { label: t('tariffs.compare.changeFee'), cell: (x) => format.fee(x.changeFee, 'one_time') },
  ];
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className="table-frame" aria-labelledby="compare-title" tabIndex={0}>
      <table className="compare">
        <caption className="sr-only">{t('tariffs.compare.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('tariffs.compare.feature')}</th>
            {tariffs.map((tariff) => (
              <th scope="col" key={tariff.code}>
                <Link to={to.tariff(tariff.code)}>{tariff.name}</Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {tariffs.map((tariff) => (
                <td key={tariff.code}>{row.cell(tariff)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
