import Markdown from 'react-markdown';

/** The queue's guidelines. Markdown only: raw HTML in the text is dropped, links open outside the workbench. */
export function Guidelines({ markdown }: { markdown: string }) {
  return (
    <details className="panel guidelines" open>
      <summary>
        <h2>Guidelines</h2>
      </summary>
      {markdown.trim() ? (
        <Markdown
          skipHtml
          components={{
            a: ({ href, children }) => (
              <a href={href} target="_blank" rel="noreferrer noopener">
                {children}
              </a>
            ),
          }}
        >
          {markdown}
        </Markdown>
      ) : (
        <p className="muted">This queue has no guidelines yet.</p>
      )}
    </details>
  );
}
