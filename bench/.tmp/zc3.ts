import { looseObject, string, number } from 'zod';
export const s = looseObject({ id: string().min(1), t: number().nullish() });
