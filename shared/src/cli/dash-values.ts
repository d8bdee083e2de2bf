// Values that start with "-": Node's parseArgs refuses `--token -abc` as ambiguous (is -abc a value
// or another option?). A string option's next argument is its value unless it is one of the
// command's own options: `--token -abc` and `--token=-abc` both give the token "-abc", while
// `--token --addr X` still says that --token needs a value.
import type { ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export function joinDashValues(args: readonly string[], options: Options): string[] {
  const known = new Set<string>();
  const takesValue = new Set<string>();
  for (const [name, o] of Object.entries(options)) {
    const flags = [`--${name}`, ...(o.short ? [`-${o.short}`] : [])];
    for (const f of flags) {
      known.add(f);
      if (o.type === 'string') takesValue.add(f);
    }
  }
  known.add('--help').add('-h');
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const next = args[i + 1];
    if (takesValue.has(a) && next !== undefined && next.startsWith('-') && next !== '--' && !known.has(next.replace(/=.*$/s, ''))) {
      out.push(`${a}=${next}`);
      i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
