import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { Icon } from './Icon';

/** Shown while data loads: the shape of the content, announced once to screen readers. */
export function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="loading" aria-busy="true">
      <p className="sr-only" role="status">
        {t('state.loading')}
      </p>
      <div aria-hidden="true">{children}</div>
    </div>
  );
}

export function SkeletonLine({ width = '100%', height = '1rem' }: { width?: string; height?: string }) {
  return <span className="skeleton" style={{ width, height }} />;
}

/** Grey cards in the shape of the cards to come. */
export function SkeletonCards({ count = 3, lines = 3 }: { count?: number; lines?: number }) {
  return (
    <div className="card-grid">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div className="card card--skeleton" key={i}>
          <SkeletonLine width="55%" height="1.25rem" />
          {Array.from({ length: lines }, (_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <SkeletonLine key={j} width={`${85 - j * 15}%`} />
          ))}
        </div>
      ))}
    </div>
  );
}

export function SkeletonList({ rows = 4 }: { rows?: number }) {
  return (
    <div className="card list-card card--skeleton">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <div className="list-row" key={i}>
          <SkeletonLine width="45%" />
          <SkeletonLine width="20%" />
        </div>
      ))}
    </div>
  );
}

/** An honest error: what happened, that it is not the person's fault, and a way to try again. */
export function ErrorState({
  error,
  onRetry,
  retrying,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const { t } = useTranslation();
  const offline =
    error instanceof ApiError &&
    error.kind === 'network' &&
    typeof navigator !== 'undefined' &&
    !navigator.onLine;
  return (
    <div className="state state--error" role="alert">
      <Icon name={offline ? 'cloudOff' : 'refresh'} size={32} className="state__icon" />
      <h2 className="state__title">{offline ? t('state.offlineTitle') : t('state.unavailable')}</h2>
      <p className="state__text">{offline ? t('state.offline') : t('state.unavailableHint')}</p>
      <button type="button" className="button button--primary" onClick={onRetry} disabled={retrying}>
        {retrying ? t('state.retrying') : t('state.retry')}
      </button>
    </div>
  );
}

/** A list with nothing in it: say so plainly. */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="state state--empty">
      <Icon name="empty" size={32} className="state__icon" />
      <p className="state__text">{children}</p>
    </div>
  );
}
