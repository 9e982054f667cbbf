/**
 * Option types read off the declarations: @commander-js/extra-typings infers each action's
 * arguments and options from `.argument()` and `.option()` (parsers and defaults included), so a
 * function that needs a command's options names them from the declaration, never restates them.
 *
 * A register function returns its declared command, and its handler's options type is read off
 * that return type. The action's arrow then states its own return type (`: Promise<void>`):
 * left to inference, it would depend on the handler's options type, which depends on it.
 */
import type { OptionValues } from '@commander-js/extra-typings';

/** The options a declared command gives its action: `OptionsOf<ReturnType<typeof registerNextCommand>>`. */
export type OptionsOf<Declared extends { opts(): OptionValues }> = ReturnType<Declared['opts']>;
