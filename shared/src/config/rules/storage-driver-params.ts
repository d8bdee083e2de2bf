// Required parameters of the configured driver (gcs, azure, swift, oss), from the model's
// `required` flags: the driver refuses to start without them. s3 and filesystem have
// their own rules.
import { goString, keyText, type RuleContext } from '../rule-context';
import { deref } from '../yaml-tree';
import { storageFields } from '../spec/storage-spec';
import { availableIn } from '../spec/spec-types';
import { insertKeys } from '../fixes';
import type { Rule } from './rule';

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
        fix:
          params && params.kind === 'map'
            ? insertKeys(
                ctx,
                params,
                missing.filter((m) => !m.includes('.')).map((m) => `${m}: CHANGE-ME`),
                `Add ${missing.join(', ')}`,
              )
            : undefined,
      });
    }
  },
};
