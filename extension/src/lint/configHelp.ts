// Hover docs and completions for registry config.yml, from shared's schema.
import * as vscode from 'vscode';
import { getCompletions, getHoverDoc } from '@dockhand/shared/config';
import { configVersion } from '../settings';
import type { ConfigLinter } from './configLinter';
import { toRange } from './configLinter';

/** Hover and completion parse the whole file on the extension host's thread: only for files up to this size. */
const HELP_MAX_CHARS = 512 * 1024;

function tooBig(doc: vscode.TextDocument): boolean {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > HELP_MAX_CHARS;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

export class ConfigHelp implements vscode.HoverProvider, vscode.CompletionItemProvider {
  constructor(private readonly linter: ConfigLinter) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    if (tooBig(doc) || !this.linter.isRegistryConfig(doc)) return undefined;
    const help = getHoverDoc(doc.getText(), doc.offsetAt(pos), configVersion());
    if (!help) return undefined;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**\`${help.path}\`**\n\n`);
    // The description already names the allowed values and the default.
    md.appendMarkdown(help.description.split('\n').map(escapeMarkdown).join('\n\n'));
    return new vscode.Hover(md, toRange(help.range));
  }

  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] {
    if (tooBig(doc) || !this.linter.isRegistryConfig(doc)) return [];
    return getCompletions(doc.getText(), doc.offsetAt(pos), configVersion()).map((c) => {
      const item = new vscode.CompletionItem(c.label, c.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember);
      item.insertText = c.insertText;
      item.detail = c.detail;
      if (c.documentation) item.documentation = c.documentation;
      return item;
    });
  }
}
