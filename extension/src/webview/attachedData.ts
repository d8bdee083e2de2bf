// Discoveries (shared/attachments) -> the plain AttachedInfo rows the details webview shows
// in its "Attached" section (shared's attachmentRows), and the lookup of one by digest.
import { attachmentRows, findAttachment } from '@dockhand/shared/attachments';
import type { Discovery } from '../registry/registryApi';
import type { AttachedInfo } from './protocol';

export function toAttachedInfo(discoveries: readonly Discovery[], top: string): AttachedInfo[] {
  return attachmentRows(discoveries, top);
}

export { findAttachment };
