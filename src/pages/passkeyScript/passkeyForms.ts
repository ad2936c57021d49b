// The console's passkey forms, in the browser: a form marked data-passkey="register" or
// "sign-in" is shown only where the browser has passkeys. On submit it asks the service for a
// challenge (the form's data-options URL, with the form's CSRF token), runs the ceremony through
// @simplewebauthn/browser, puts the result in the form's hidden "response" field and submits it
// as an ordinary form post. The words it shows come from the page (data-* attributes), so this
// script carries no language of its own.
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';

type Ceremony = 'register' | 'sign-in';

function say(form: HTMLFormElement, text: string): void {
  const place = form.querySelector<HTMLElement>('[data-passkey-message]');
  if (!place) return;
  place.textContent = text;
  place.hidden = false;
  place.focus();
}

/** The challenge and the rest, as the service's options route answers them. */
async function optionsFor<T>(form: HTMLFormElement): Promise<T> {
  const csrf = form.querySelector<HTMLInputElement>('input[name="csrf"]')?.value ?? '';
  const response = await fetch(form.dataset.options ?? '', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ csrf }).toString(),
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`the service answered ${response.status}`);
  return (await response.json()) as T;
}

async function runCeremony(form: HTMLFormElement, ceremony: Ceremony): Promise<void> {
  const field = form.querySelector<HTMLInputElement>('input[name="response"]');
  if (!field) return;
  const result =
    ceremony === 'register'
      ? await startRegistration({
          optionsJSON: await optionsFor<PublicKeyCredentialCreationOptionsJSON>(form),
        })
      : await startAuthentication({
          optionsJSON: await optionsFor<PublicKeyCredentialRequestOptionsJSON>(form),
        });
  field.value = JSON.stringify(result);
  form.submit();
}

function enhance(form: HTMLFormElement): void {
  const ceremony = form.dataset.passkey;
  if (ceremony !== 'register' && ceremony !== 'sign-in') return;
  form.hidden = false;
  for (const note of document.querySelectorAll<HTMLElement>('[data-passkey-unsupported]')) {
    note.hidden = true;
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    runCeremony(form, ceremony).catch((error: unknown) => {
      if (button) button.disabled = false;
      // Cancelled or timed out in the browser's own dialog: say so without alarm.
      const cancelled =
        error instanceof WebAuthnError
          ? error.code === 'ERROR_CEREMONY_ABORTED' || error.name === 'NotAllowedError'
          : error instanceof DOMException && error.name === 'NotAllowedError';
      say(form, (cancelled ? form.dataset.cancelled : form.dataset.failed) ?? '');
    });
  });
}

if (browserSupportsWebAuthn()) {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-passkey]')) {
    enhance(form);
  }
}
