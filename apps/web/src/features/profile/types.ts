// Names for the profile shapes the web uses, taken from the generated document so they follow the API.
import type { components } from '../../api/schema';

export type SocialProfile = components['schemas']['ProfileDto'];
export type CreateProfileBody = components['schemas']['CreateProfileDto'];
export type UpdateProfileBody = components['schemas']['UpdateProfileDto'];
