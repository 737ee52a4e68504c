import { useEffect, useState } from 'react';

const THRESHOLD = 70;

/**
 * Pull down at the top of the page to refresh, as in a phone app: touch only (a mouse never triggers
 * it; desktops get a refresh button). Returns how far the page is pulled, for the indicator.
 */
export function usePullToRefresh(onRefresh: () => void): { pulled: number; armed: boolean } {
  const [pulled, setPulled] = useState(0);
  useEffect(() => {
    let startY: number | null = null;
    let distance = 0;
    const start = (event: TouchEvent) => {
      startY = window.scrollY <= 0 && event.touches.length === 1 ? (event.touches[0]?.clientY ?? null) : null;
      distance = 0;
    };
    const move = (event: TouchEvent) => {
      if (startY === null) return;
      distance = Math.max(0, (event.touches[0]?.clientY ?? startY) - startY);
      setPulled(Math.min(distance, THRESHOLD * 1.5));
    };
    const end = () => {
      if (startY !== null && distance >= THRESHOLD) onRefresh();
      startY = null;
      distance = 0;
      setPulled(0);
    };
    window.addEventListener('touchstart', start, { passive: true });
    window.addEventListener('touchmove', move, { passive: true });
    window.addEventListener('touchend', end);
    window.addEventListener('touchcancel', end);
    return () => {
      window.removeEventListener('touchstart', start);
      window.removeEventListener('touchmove', move);
      window.removeEventListener('touchend', end);
      window.removeEventListener('touchcancel', end);
    };
  }, [onRefresh]);
  return { pulled, armed: pulled >= THRESHOLD };
}
