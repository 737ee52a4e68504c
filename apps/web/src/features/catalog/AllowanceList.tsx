import type { Allowance } from '@kabinet/contracts';
import type { Format } from './useFormat';

const unitOrder: Allowance['unit'][] = ['voice_seconds', 'sms', 'data_bytes'];

export function sortAllowances(allowances: readonly Allowance[]): Allowance[] {
  return [...allowances].sort((a, b) => unitOrder.indexOf(a.unit) - unitOrder.indexOf(b.unit));
}

/** Included minutes, SMS and data as chips: "500 minutes", "15 GB", "100 SMS within the network". */
export function AllowanceList({ allowances, format }: { allowances: readonly Allowance[]; format: Format }) {
  if (allowances.length === 0) return null;
  return (
    <ul className="chips">
      {sortAllowances(allowances).map((allowance, i) => {
        const scope = format.scope(allowance);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: allowances have no identity of their own
          <li key={i} className={`chip chip--${allowance.unit}`}>
            <span className="chip__value">{format.amount(allowance)}</span>
            {scope ? <span className="chip__note"> {scope}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}
