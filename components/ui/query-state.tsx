import type { ReactNode } from "react";
import { EmptyState } from "./empty-state";
import { ErrorPanel } from "./error-panel";
import { SkeletonRows } from "./skeleton";

/** What QueryState needs of a React Query result (useQuery, or useQueries combined into one). */
type QueryLike<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
};

type Props<T> = {
  query: QueryLike<T>;
  /** Said to screen readers while loading, e.g. "Loading buckets". */
  loading: string;
  rows?: number;
  /** The error panel's title: what could not be done. */
  errorTitle: string | ((error: unknown) => string);
  /** Whether trying again can help (not for a bad name or a missing bucket); yes by default. */
  canRetry?: (error: unknown) => boolean;
  /** More in the error panel, such as a way back. */
  errorActions?: ReactNode;
  /** When the data holds nothing to show: the empty state's title and what to do. */
  empty?: { when: (data: T) => boolean; title: string; body?: ReactNode };
  children: (data: T) => ReactNode;
};

/** Loading, error with a retry, empty, or the data: the four states of every view that reads the API. */
export function QueryState<T>({ query, loading, rows, errorTitle, canRetry, errorActions, empty, children }: Props<T>) {
  if (query.isPending) return <SkeletonRows rows={rows} label={loading} />;
  if (query.isError || query.data === undefined) {
    const title = typeof errorTitle === "string" ? errorTitle : errorTitle(query.error);
    const retry = canRetry?.(query.error) ?? true;
    return (
      <ErrorPanel title={title} error={query.error} onRetry={retry ? () => void query.refetch() : undefined}>
        {errorActions}
      </ErrorPanel>
    );
  }
  if (empty?.when(query.data)) return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  return children(query.data);
}
