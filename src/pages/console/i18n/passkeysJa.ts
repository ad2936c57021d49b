import type { passkeysEn } from './passkeysEn.js';

// パスキーの日本語。キーは passkeysEn.ts と同じ。
export const passkeysJa: { readonly [Key in keyof typeof passkeysEn]: string } = {
  'passkeys.title': 'あなたのパスキー',
  'passkeys.intro':
    'パスキーを使うと、パスワードなしでサインインできます。スマートフォン、パソコン、セキュリティキーが指紋・顔・PIN を確認し、秘密の情報は端末の外に出ません。パスキーはこのコンソールでだけ使えます。',
  'passkeys.none': 'まだパスキーはありません。',
  'passkeys.name': '名前',
  'passkeys.added': '追加日',
  'passkeys.lastUsed': '最終使用',
  'passkeys.notUsed': '未使用',
  'passkeys.remove': '削除',
  'passkeys.removeLabel': 'パスキー「{name}」を削除',
  'passkeys.add': 'パスキーを追加',
  'passkeys.nameHint': 'パスキーを見分けるための名前です。例：「仕事用ノート PC」',
  'passkeys.submit': 'パスキーを追加',
  'passkeys.unsupported':
    'パスキーの追加には JavaScript とパスキーに対応したブラウザーが必要です。パスワードでのサインインは引き続き使えます。',
  'passkeys.cancelled':
    'パスキーは作成されませんでした。ダイアログが閉じられたか、時間切れです。準備ができたらもう一度お試しください。',
  'passkeys.failed': 'パスキーを作成できませんでした。もう一度試すか、別の端末をお使いください。',
  'passkeys.notice.added': 'パスキーを追加しました。次回からこのパスキーでサインインできます。',
  'passkeys.notice.removed': 'パスキーを削除しました。このパスキーではもうサインインできません。',
  'passkeys.badName': 'パスキーの名前は 1〜{max} 文字で付けてください。',
  'passkeys.badResponse':
    'ブラウザーからの応答を検証できなかったため、パスキーは追加されませんでした。もう一度お試しください。',
  'passkeys.registered': 'このパスキーはすでに登録されています。',
  'home.passkeys': 'あなたのパスキー',
  'signIn.passkey.heading': 'パスキーでサインイン',
  'signIn.passkey.hint': 'このコンソール用に作成したパスキーが端末に表示されます。',
  'signIn.passkey.submit': 'パスキーでサインイン',
  'signIn.passkey.cancelled':
    'パスキーのダイアログが閉じられました。もう一度試すか、パスワードでサインインしてください。',
  'signIn.passkey.failed':
    'パスキーでのサインインに失敗しました。もう一度試すか、パスワードをお使いください。',
  'signIn.passkeyFailed':
    'このパスキーではここにサインインできません。別のパスキーか、メールアドレスとパスワードをお使いください。',
};
