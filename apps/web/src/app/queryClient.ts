import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../api/problem';
import { meQueryKey } from '../features/auth/hooks/useMe';

/** Answers worth asking again: the network or the server failed, not the request. */
function isTransient(error: unknown): boolean {
  return !(error instanceof ApiProblem) || error.status === 0 || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      // A 401 that survived the client's refresh means the session is over: the guard then shows sign-in.
      onError: (error) => {
        if (error instanceof ApiProblem && error.status === 401) {
          queryClient.setQueryData(meQueryKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => failures < 2 && isTransient(error),
      },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
