/* global document, navigator */
// Progressive enhancement only: without JavaScript the link is plain, selectable text and the
// copy button stays hidden.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const source = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.status);
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source.textContent.trim());
      if (status) status.textContent = button.dataset.copied;
    } catch {
      // Clipboard refused (permissions): select the link so the visitor can copy it by hand.
      document.getSelection()?.selectAllChildren(source);
    }
  });
}
