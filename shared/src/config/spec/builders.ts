// Short constructors for the config model (spec-types.ts).
import type { Field, Fields, GoType } from './spec-types';

type Extra = Omit<Field, 'type' | 'doc'>;
const f =
  (type: GoType) =>
  (doc: string, extra: Extra = {}): Field => ({ type, doc, ...extra });

export const str = f({ t: 'string' });
export const bool = f({ t: 'bool' });
export const int = f({ t: 'int' });
export const dur = f({ t: 'duration' });
export const any = f({ t: 'any' });
export const strList = f({ t: 'slice', elem: { t: 'string' } });
export const headers = f({ t: 'map', elem: { t: 'slice', elem: { t: 'string' } }, keyDoc: 'HTTP header name' });
export function struct(fields: Fields, doc: string, extra: Extra = {}): Field {
  return { type: { t: 'struct', fields }, doc, ...extra };
}
export function list(elem: GoType, doc: string, extra: Extra = {}): Field {
  return { type: { t: 'slice', elem }, doc, ...extra };
}
export function params(fields: Fields, doc: string, extra: Extra & { open?: boolean } = {}): Field {
  const { open, ...rest } = extra;
  return { type: { t: 'params', fields, open }, doc, ...rest };
}
export function structType(fields: Fields): GoType {
  return { t: 'struct', fields };
}
