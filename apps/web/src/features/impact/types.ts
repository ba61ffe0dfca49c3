// Names for the shapes My impact uses, taken from the generated document so they follow the API.
import type { components } from '../../api/schema';

export type MyShare = components['schemas']['MyShareDto'];
