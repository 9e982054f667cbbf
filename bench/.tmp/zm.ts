import * as z from 'zod/mini';
const s = z.looseObject({ id: z.string().check(z.minLength(1)), t: z.nullish(z.number()), u: z.optional(z.unknown()) });
export const f = (x: unknown) => { const r = z.safeParse(s, x); return r.success ? r.data : r.error.issues; };
