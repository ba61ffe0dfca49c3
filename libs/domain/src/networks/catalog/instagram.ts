import { defineNetwork } from '../network';

export const instagram = defineNetwork({
  id: 'instagram',
  label: 'Instagram',
  brand: { color: '#FF0069', icon: 'brand-instagram', letter: 'Ig' },
  // Instagram caps hashtags at five per post (down from 30, December 2025).
  caption: { limit: 2200, counting: 'code_points', maxHashtags: 5 },
  // Links in captions are not clickable on Instagram.
  linkPlacement: 'none',
  api: {
    kind: 'partner_only',
    reason: 'Reading members’ posts needs an app that passed Meta’s app review.',
  },
  media: { required: true, kinds: ['image', 'video'] },
  sharing: {
    mode: 'manual',
    openUrl: 'https://www.instagram.com/',
    steps: ['download_media', 'copy_caption', 'open_app', 'create_post', 'paste_caption'],
    instructions:
      'Download the image, copy the caption, open Instagram, create a post with the image and paste the caption.',
  },
  hashtags: { recommended: 3, advice: 'Three to five specific hashtags; Instagram allows five at most.' },
  // Instagram shows the picture (portrait 4:5 at most) and about 125 characters before “more”.
  display: { shows: 'image', imageRatio: [4, 5], captionFold: 125 },
  // Industry-typical estimate of the CPM, in euro cents (€8).
  defaultCpmMinor: 800,
});
