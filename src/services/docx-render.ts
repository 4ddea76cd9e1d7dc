import type { RenderedDocument } from '../domain/template-fill';
import type { DocxLayout } from './document-docx';

/**
 * Renders a Word file, loading the docx package on the first document rather than with the server
 * (~14 MiB of every node's idle memory). The layout rules are in `document-docx.ts`.
 */
export async function renderDocx(doc: RenderedDocument, layout: DocxLayout): Promise<Buffer> {
  const { renderDocx: render } = await import('./document-docx');
  return render(doc, layout);
}
