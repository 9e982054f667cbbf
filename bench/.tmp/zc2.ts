import * as z from 'zod';
export const s = z.looseObject({ id: z.string().min(1), t: z.number().nullish() });
