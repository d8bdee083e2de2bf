// "Compare with…" results as read-only virtual documents (dockhand-compare: scheme): a
// TextDocumentContentProvider serves the text kept for each URI, so the editor neither shows
// the result as modified nor asks to save it on close (an untitled document did both).
import * as vscode from 'vscode';

export const COMPARE_SCHEME = 'dockhand-compare';
/** Results kept for reopening (the oldest goes first). */
const MAX_KEPT = 20;

export class CompareDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private seq = 0;

  /** A new read-only document with `text`, titled "A ↔ B.diff". */
  async open(a: string, b: string, text: string): Promise<vscode.TextDocument> {
    const name = `${a} ↔ ${b}`.replace(/[/\\]/g, '∕');
    const uri = vscode.Uri.from({ scheme: COMPARE_SCHEME, path: `/${name}.diff`, query: `n=${++this.seq}` });
    this.texts.set(uri.toString(), text);
    while (this.texts.size > MAX_KEPT) this.texts.delete(this.texts.keys().next().value!);
    const doc = await vscode.workspace.openTextDocument(uri);
    return doc.languageId === 'diff' ? doc : vscode.languages.setTextDocumentLanguage(doc, 'diff');
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This comparison is no longer kept: run Compare with… again.\n';
  }
}
