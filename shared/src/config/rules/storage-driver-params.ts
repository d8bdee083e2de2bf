// Required parameters of the configured driver (gcs, azure, swift, oss), from the model's
// `required` flags: the driver refuses to start without them. s3 and filesystem have
// their own rules.
import { goString, keyText, type RuleContext } from '../rule-context';
import { deref, type YMap } from '../yaml-tree';
import { storageFields } from '../spec/storage-spec';
import { availableIn } from '../spec/spec-types';
import { insertKeys } from '../fixes';
import type { Rule } from './rule';
import type { Fix } from '../types';

const CHECKED = ['gcs', 'azure', 'swift', 'oss'];

export const driverRequiredRule: Rule = {
  codes: ['driver-required'],
  check(ctx: RuleContext) {
    const storage = deref(ctx.get(['storage'])?.value);
    if (!storage || storage.kind !== 'map') return;
    for (const p of storage.pairs) {
      const name = keyText(p.key);
      const f = storageFields[name];
      if (!CHECKED.includes(name) || !f || !availableIn(f, ctx.release) || f.type.t !== 'params') continue;
      const params = deref(p.value);
      const required = Object.entries(f.type.fields)
        .filter(([, x]) => x.required && availableIn(x, ctx.release))
        .map(([k]) => k);
      if (name === 'azure' && ctx.version === '2.8') required.push('accountkey');
      const missing = required.filter((k) => !goString(ctx.pair(params, k)?.value));
      if (name === 'azure' && ctx.version === '3') {
        // 3.x reads credentials.type (client_secret, shared_key, default_credentials): a 2.8-style block fails.
        const cred = ctx.pair(params, 'credentials');
        if (!cred || !goString(ctx.pair(cred.value, 'type')?.value)) missing.push('credentials.type');
      }
      if (!missing.length) continue;
      ctx.report({
        code: 'driver-required',
        severity: 'error',
        message: `The ${name} driver needs ${missing.join(', ')}: the registry refuses to start.`,
        node: p.key,
        fix: params && params.kind === 'map' ? addRequired(ctx, params, missing) : undefined,
      });
    }
  },
};

/** Add the missing parameters (placeholders), and azure's credentials.type (shared_key with an accountkey, else default_credentials). */
function addRequired(ctx: RuleContext, params: YMap, missing: string[]): Fix | undefined {
  const title = `Add ${missing.join(', ')}`;
  const lines = missing.filter((m) => !m.includes('.')).map((m) => `${m}: CHANGE-ME`);
  let inCredentials: Fix | undefined;
  if (missing.includes('credentials.type')) {
    const type = goString(ctx.pair(params, 'accountkey')?.value) ? 'shared_key' : 'default_credentials';
    const cred = deref(ctx.pair(params, 'credentials')?.value);
    if (cred && cred.kind === 'map' && cred.pairs.length) inCredentials = insertKeys(ctx, cred, [`type: ${type}`], title);
    else if (!ctx.pair(params, 'credentials')) lines.push('credentials:', `  type: ${type}`);
    if (!inCredentials && ctx.pair(params, 'credentials')) return undefined;
  }
  const top = lines.length ? insertKeys(ctx, params, lines, title) : undefined;
  if (lines.length && !top) return undefined;
  const [a, b] = [inCredentials?.edits[0], top?.edits[0]];
  // credentials the last parameter: both insertions land at one point, its type line first.
  if (a && b && a.range.start.offset === b.range.start.offset) return { title, edits: [{ range: a.range, newText: a.newText + b.newText }] };
  const edits = [a, b].filter((e) => e !== undefined);
  return edits.length ? { title, edits } : undefined;
}
