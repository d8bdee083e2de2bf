// The repository:tag suggested when pushing a local image: its name without a registry host.
export function defaultRepoTag(ref: string): string {
  const at = ref.lastIndexOf(':');
  const slash = ref.lastIndexOf('/');
  const tag = at > slash ? ref.slice(at + 1) : 'latest';
  let repo = at > slash ? ref.slice(0, at) : ref;
  const first = repo.split('/')[0];
  if (repo.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) repo = repo.slice(first.length + 1);
  return `${repo}:${tag}`;
}
