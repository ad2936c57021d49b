/* global document */
// Progressive enhancement only: a refused form's summary of what was wrong takes the focus, so
// keyboard and screen reader users start there. Without JavaScript it is simply first on the page.
const problems = document.getElementById('problems');
if (problems) problems.focus();
