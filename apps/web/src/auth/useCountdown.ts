import { useEffect, useState } from 'react';

/** Seconds left until `deadline` (ms since the epoch), updated every second; 0 once it has passed. */
export function useCountdown(deadline: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline <= Date.now()) {
      setNow(Date.now());
      return;
    }
    const id = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) clearInterval(id);
    }, 1000);
    return () => clearInterval(id);
  }, [deadline]);
  // The clock is read again here: right after the deadline moves, `now` is from the previous tick.
  return Math.max(0, Math.ceil((deadline - Math.max(now, Date.now())) / 1000));
}
