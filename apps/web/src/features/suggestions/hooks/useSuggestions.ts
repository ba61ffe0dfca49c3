import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type {
  CreateSuggestionBody,
  MySuggestions,
  Suggestion,
  SuggestionPage,
  SuggestionStatus,
} from '../../../api/types';

export const suggestionsQueryKey = ['suggestions'] as const;

/** The member's own suggestions, whether they may suggest and how many more today. */
export function useMySuggestions() {
  return useQuery({
    queryKey: [...suggestionsQueryKey, 'mine'],
    queryFn: (): Promise<MySuggestions> => unwrap(api.GET('/api/suggestions/mine')),
  });
}

export function useCreateSuggestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSuggestionBody): Promise<Suggestion> =>
      unwrap(api.POST('/api/suggestions', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: suggestionsQueryKey }),
  });
}

/** The curators' queue: the first 50 suggestions of one status, newest first. */
export function useSuggestionQueue(status: SuggestionStatus) {
  return useQuery({
    queryKey: [...suggestionsQueryKey, 'queue', status],
    queryFn: (): Promise<SuggestionPage> =>
      unwrap(api.GET('/api/suggestions', { params: { query: { status, limit: 50 } } })),
  });
}

export function useDecideSuggestion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      decision,
      note,
    }: {
      id: string;
      decision: 'accept' | 'decline';
      note: string;
    }): Promise<Suggestion> =>
      decision === 'accept'
        ? unwrap(
            api.POST('/api/suggestions/{suggestionId}/accept', {
              params: { path: { suggestionId: id } },
              body: note ? { note } : {},
            }),
          )
        : unwrap(
            api.POST('/api/suggestions/{suggestionId}/decline', {
              params: { path: { suggestionId: id } },
              body: { note },
            }),
          ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: suggestionsQueryKey }),
        queryClient.invalidateQueries({ queryKey: ['packs'] }),
      ]),
  });
}
