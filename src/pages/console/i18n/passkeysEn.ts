// The console's passkey strings (the Passkeys page and the sign-in form's passkey part).
export const passkeysEn = {
  'passkeys.title': 'Your passkeys',
  'passkeys.intro':
    'A passkey signs you in without a password: your phone, computer or security key asks for your fingerprint, face or PIN, and nothing secret leaves it. A passkey works only for this console.',
  'passkeys.none': 'You have no passkeys yet.',
  'passkeys.name': 'Name',
  'passkeys.added': 'Added',
  'passkeys.lastUsed': 'Last used',
  'passkeys.notUsed': 'Not yet',
  'passkeys.remove': 'Remove',
  'passkeys.removeLabel': 'Remove the passkey {name}',
  'passkeys.add': 'Add a passkey',
  'passkeys.nameHint': 'So you can tell your passkeys apart, for example "Work laptop".',
  'passkeys.submit': 'Add a passkey',
  'passkeys.unsupported':
    'Adding a passkey needs JavaScript and a browser with passkeys. You can still sign in with your password.',
  'passkeys.cancelled':
    'No passkey was made: the dialog was closed or ran out of time. Try again when you are ready.',
  'passkeys.failed': 'The passkey could not be made. Try again, or use another device.',
  'passkeys.notice.added': 'Your passkey was added. Next time you can sign in with it.',
  'passkeys.notice.removed': 'The passkey was removed. It no longer signs you in.',
  'passkeys.badName': 'Give the passkey a name of 1 to {max} characters.',
  'passkeys.badResponse':
    "The browser's answer did not verify, so no passkey was added. Try again.",
  'passkeys.registered': 'This passkey is already registered.',
  'home.passkeys': 'Your passkeys',
  'signIn.passkey.heading': 'Or with a passkey',
  'signIn.passkey.hint': 'Your device offers the passkeys you made for this console.',
  'signIn.passkey.submit': 'Sign in with a passkey',
  'signIn.passkey.cancelled':
    'The passkey dialog was closed. Try again, or sign in with your password.',
  'signIn.passkey.failed': 'Signing in with a passkey failed. Try again, or use your password.',
  'signIn.passkeyFailed':
    'That passkey could not sign you in here. Try another, or your e-mail and password.',
} as const;
