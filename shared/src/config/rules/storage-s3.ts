// s3 driver parameters (registry/storage/driver/s3-aws FromParameters and New, read at
// v2.8.3, v3.0.0, v3.1.0, v3.1.1). Regions: validRegions is every region of the vendored
// aws-sdk-go's endpoints (defaults.go), checked only without regionendpoint.
import { goString, scalarOf, type RuleContext } from '../rule-context';
import { deref, type YNode } from '../yaml-tree';
import { parseGoInt } from '../yaml11';
import { didYouMean } from '../did-you-mean';
import { clip } from '../limits';
import type { Rule } from './rule';

/** v2.8.3 vendors aws-sdk-go 1.15.11 (vendor/github.com/aws/aws-sdk-go/aws/endpoints/defaults.go). */
const REGIONS_28 = [
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ca-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-west-1',
];
/** Debian's 2.8.2 builds with Debian's aws-sdk-go: these were seen accepted by it (the rest refused). */
const REGIONS_28_DEBIAN = [
  ...REGIONS_28,
  'af-south-1',
  'ap-east-1',
  'ap-northeast-3',
  'ap-southeast-3',
  'eu-north-1',
  'eu-south-1',
  'me-central-1',
  'me-south-1',
  'us-gov-east-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
];
/** v3.0.0 to v3.1.1 vendor aws-sdk-go 1.55.5 (go.mod; vendor/.../endpoints/defaults.go). */
const REGIONS_3 = [...REGIONS_28_DEBIAN, 'ap-south-2', 'ap-southeast-4', 'ca-west-1', 'eu-central-2', 'eu-south-2', 'il-central-1', 'eu-isoe-west-1'];
/** s3StorageClasses (plus NONE); EXPRESS_ONEZONE only from v3.1.1 (the '3.1' target is 3.1.1). */
const STORAGE_CLASSES = {
  '2.8': ['STANDARD', 'REDUCED_REDUNDANCY', 'NONE'],
  '3.0': ['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'OUTPOSTS', 'GLACIER_IR', 'NONE'],
  '3.1': ['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'OUTPOSTS', 'GLACIER_IR', 'EXPRESS_ONEZONE', 'NONE'],
};
const GO_BOOL_STRINGS = ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'];

export const s3Rule: Rule = {
  codes: ['s3-param'],
  check(ctx: RuleContext) {
    for (const name of ['s3', 's3aws']) {
      const pair = ctx.get(['storage', name]);
      if (pair) checkS3(ctx, pair.key, deref(pair.value));
    }
  },
};

function checkS3(ctx: RuleContext, key: YNode, params: YNode | undefined): void {
  const err = (message: string, node: YNode | undefined, fix?: ReturnType<RuleContext['replace']>) =>
    ctx.report({ code: 's3-param', severity: 'error', message: `s3: ${message}; the registry refuses to start.`, node: node ?? key, fix });
  const get = (k: string) => ctx.pair(params, k);
  const endpoint = goString(get('regionendpoint')?.value) ?? '';
  const region = get('region');
  const regionText = goString(region?.value) ?? '';
  if (!regionText) {
    if (ctx.version === '2.8' || !endpoint) err('no region parameter provided (e.g. region: us-east-1)', region?.value ?? key);
  } else if (!endpoint) {
    const known = ctx.release !== '2.8' ? REGIONS_3 : ctx.debian ? REGIONS_28_DEBIAN : REGIONS_28;
    if (!known.includes(regionText)) {
      const sug = didYouMean(regionText, known);
      if (ctx.release === '2.8' && !ctx.debian && REGIONS_28_DEBIAN.includes(regionText)) {
        ctx.report({
          code: 's3-param',
          severity: 'warning',
          message: `s3: region ${regionText} is refused by upstream 2.8 builds (aws-sdk-go 1.15.11: invalid region provided) but accepted by Debian's 2.8.2; 3.x knows it.`,
          node: region!.value,
        });
      } else
        err(
          `invalid region provided: ${clip(regionText)}${sug ? ` (did you mean ${sug}?)` : ''}; set regionendpoint for S3-compatible services`,
          region!.value,
          sug ? ctx.replace(region!.value, sug, `Change to ${sug}`) : undefined,
        );
    }
  }
  const bucket = get('bucket');
  if (!goString(bucket?.value) && !(deref(bucket?.value) && deref(bucket?.value)!.kind !== 'scalar')) err('no bucket parameter provided', bucket?.value ?? key);
  for (const b of ['encrypt', 'secure', 'skipverify', 'v4auth']) {
    const p = get(b);
    if (!p) continue;
    const r = scalarOf(p.value);
    if (!r || r.tag === 'null') continue;
    if (r.tag === 'bool') continue;
    if (r.tag === 'str' && GO_BOOL_STRINGS.includes(r.value)) continue;
    err(`the ${b} parameter should be a boolean`, p.value);
  }
  const v4 = scalarOf(get('v4auth')?.value);
  const v4false = v4 && ((v4.tag === 'bool' && !v4.value) || (v4.tag === 'str' && ['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v4.value)));
  // New(): the same test in 2.8.3 and 3.x: no regionendpoint, or one on s3.amazonaws.com.
  if (v4false && (!endpoint || endpoint.includes('s3.amazonaws.com')))
    err('on Amazon S3 this storage driver can only be used with v4 authentication', get('v4auth')!.value);
  for (const [k, min, max] of [
    ['chunksize', 5 << 20, 5 * 1024 ** 3],
    ['multipartcopychunksize', 5 << 20, 5 * 1024 ** 3],
    ['multipartcopymaxconcurrency', 1, 2 ** 31],
    ['multipartcopythresholdsize', 0, 5 * 1024 ** 3],
  ] as const) {
    const p = get(k);
    if (!p) continue;
    const r = scalarOf(p.value);
    if (!r || r.tag === 'null') continue;
    let n: number | undefined;
    if (r.tag === 'int') n = r.value;
    else if (r.tag === 'str') {
      const g = parseGoInt(r.value);
      n = g === undefined ? undefined : Number(g);
    }
    if (n === undefined) err(`${k} must be an integer, not \`${goString(p.value) ?? ''}\``, p.value);
    else if (n < min || n > max) err(`the ${k} ${n} parameter should be a number between ${min} and ${max} (inclusive)`, p.value);
  }
  const sc = get('storageclass');
  const scR = scalarOf(sc?.value);
  if (sc && scR?.tag !== 'null') {
    const allowed = STORAGE_CLASSES[ctx.release];
    const scText = scR?.tag === 'str' ? scR.value.toUpperCase() : undefined;
    if (scText === undefined || !allowed.includes(scText))
      err(`the storageclass parameter must be one of ${allowed.join(', ')}, ${goString(sc.value) ?? 'a non-string'} invalid`, sc.value);
  }
  const acl = get('objectacl');
  const aclR = scalarOf(acl?.value);
  const aclText = aclR?.tag === 'str' ? aclR.value : aclR?.tag === 'null' ? undefined : '(not a string)';
  if (
    acl &&
    aclText !== undefined &&
    !['private', 'public-read', 'public-read-write', 'authenticated-read', 'aws-exec-read', 'bucket-owner-read', 'bucket-owner-full-control'].includes(aclText)
  ) {
    err(`invalid value for objectacl parameter: ${aclText}`, acl.value);
  }
}
