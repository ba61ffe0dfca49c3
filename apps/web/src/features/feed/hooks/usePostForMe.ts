// "Post for me": the share is made by the card's `makeShare` (an Idempotency-Key kept across
// retries), then Heimo is asked to post it through the member's connected account, now or later.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import type { components } from '../../../api/schema';
import { mySharesQueryKey } from '../../impact/hooks/useMyShares';
import type { ShareBody, ShareResult } from '../types';

export type SharePost = components['schemas']['SharePostDto'];

const postQueryKey = (shareId: string | null) => ['shares', shareId, 'post'] as const;

/** The states the job leaves by itself; the card asks again until it has left them. */
function moving(post: SharePost | undefined): boolean {
  if (!post) return false;
  if (post.status === 'posting') return true;
  return post.status === 'scheduled' && Date.parse(post.scheduledAt) <= Date.now() + 5_000;
}

/** One variant's post for me: make the share (once), schedule its post, follow and cancel it. */
export function usePostForMe(makeShare: (body: ShareBody) => Promise<ShareResult>) {
  const queryClient = useQueryClient();
  const [shareId, setShareId] = useState<string | null>(null);

  const post = useQuery({
    queryKey: postQueryKey(shareId),
    queryFn: () =>
      unwrap(api.GET('/api/shares/{shareId}/post', { params: { path: { shareId: shareId ?? '' } } })),
    enabled: shareId !== null,
    refetchInterval: (query) => (moving(query.state.data) ? 1_500 : false),
  });

  const schedule = useMutation({
    mutationFn: async ({ body, at }: { body: ShareBody; at: string | undefined }): Promise<SharePost> => {
      let id = shareId;
      if (id === null) {
        id = (await makeShare(body)).id;
        setShareId(id);
      }
      return unwrap(
        api.POST('/api/shares/{shareId}/post', {
          params: { path: { shareId: id } },
          body: at === undefined ? {} : { at },
        }),
      );
    },
    onSuccess: (answer) => {
      queryClient.setQueryData(postQueryKey(answer.shareId), answer);
      void queryClient.invalidateQueries({ queryKey: mySharesQueryKey });
    },
  });

  const cancel = useMutation({
    mutationFn: async (id: string) => {
      await unwrap(api.DELETE('/api/shares/{shareId}/post', { params: { path: { shareId: id } } }));
    },
    onSettled: (_answer, _error, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: postQueryKey(id) }),
        queryClient.invalidateQueries({ queryKey: mySharesQueryKey }),
      ]),
  });

  return {
    shareId,
    post: shareId === null ? undefined : post.data,
    schedule,
    cancel,
  };
}
