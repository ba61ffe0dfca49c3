import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

const fileName = 'heimo-training-compliance.csv';

/** Fetches the CSV through the API client (so an expired session refreshes) and saves it as a file. */
export function useDownloadComplianceCsv() {
  return useMutation({
    mutationFn: async () => {
      const csv = await unwrap(api.GET('/api/training/compliance.csv', { parseAs: 'blob' }));
      const url = URL.createObjectURL(csv);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled.
      window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
    },
  });
}
